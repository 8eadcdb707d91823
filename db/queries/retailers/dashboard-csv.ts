// The dashboard's rows as CSV, one line per listing, for the streamed export.
import { csvLine, type CsvValue } from '../../../domain/csv.ts';
import type { DashboardRow } from './dashboard.ts';

export const DASHBOARD_CSV_HEADER = [
  'listing_id', 'title', 'url', 'category', 'currency', 'own_price', 'own_shipping', 'own_total', 'rank', 'competitors',
  'cheapest_store', 'cheapest_total', 'gap', 'gap_percent', 'median_total', 'own_delivery_days', 'fastest_competitor_days',
  'competitors_faster', 'competitors_slower', 'competitors_out_of_stock',
] as const;

/** Money as stored, without the zeros past the cents ("12.5000" → "12.50", "0.1234" stays): exact, and easy to read. */
const money = (value: string | null) => (value === null ? null : value.replace(/(\.\d\d\d*?)0+$/, '$1'));

/** One row's cells, in DASHBOARD_CSV_HEADER's order (for exports that add columns of their own). */
export function dashboardCsvCells(row: DashboardRow): CsvValue[] {
  return [
    row.listingId, row.title, row.url, row.category, row.currency, money(row.ownPrice), money(row.ownShipping), money(row.ownTotal),
    row.rank, row.competitors, row.cheapestStoreName ?? row.cheapestStoreId, money(row.cheapestTotal), money(row.gap),
    row.gapPercent === null ? null : row.gapPercent.toFixed(2), money(row.medianTotal), row.ownDeliveryDays,
    row.fastestCompetitorDays, row.competitorsFaster, row.competitorsSlower, row.competitorsOutOfStock,
  ];
}

/** One row of the export, CRLF-terminated, in DASHBOARD_CSV_HEADER's order. */
export function dashboardCsvLine(row: DashboardRow): string {
  return csvLine(dashboardCsvCells(row));
}
