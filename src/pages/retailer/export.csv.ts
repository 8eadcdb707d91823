// GET /retailer/export.csv?<the dashboard's filters>: every listing of the filter as CSV, streamed
// batch by batch (keyset paged), so a 50,000-listing catalogue costs no more memory than a page.
import type { APIRoute } from 'astro';
import { DASHBOARD_CSV_HEADER, dashboardCsvCells } from '../../../db/queries/retailers/dashboard-csv.ts';
import { csvLine } from '../../../domain/csv.ts';
import { parseDashboardParams } from '../../features/retailers/dashboard-params.ts';
import { badRequest, notFound, signedIn } from '../../features/retailers/retailer-access.ts';
import { exportBatches, scopeStoreIds, type DashboardRowView } from '../../features/retailers/retailer.server.ts';

const SUGGESTION_HEADER = ['suggested_price', 'suggestion_reason'];

/** The dashboard's columns, then the suggestion and its reasons. */
function exportLine(row: DashboardRowView): string {
  return csvLine([...dashboardCsvCells(row), row.suggestion.price, row.suggestion.reasons.join(' ')]);
}

export const GET: APIRoute = async ({ locals, url }) => {
  const account = signedIn(locals);
  if (account instanceof Response) return account;
  const parsed = parseDashboardParams(url.searchParams);
  if (!parsed.ok) return badRequest(parsed.issues);
  const storeIds = await scopeStoreIds(account, parsed.params.store);
  if (storeIds === null) return notFound();
  const encoder = new TextEncoder();
  const batches = exportBatches(account, storeIds, parsed.params);
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine([...DASHBOARD_CSV_HEADER, ...SUGGESTION_HEADER])));
        return;
      }
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map(exportLine).join('')));
      } catch (error) {
        // Mid-stream the status is sent: end the file visibly cut rather than silently short.
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tulna-dashboard-${parsed.params.filter}-${day}.csv"`,
    },
  });
};
