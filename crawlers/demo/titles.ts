// Each demo store names the same product its own way, as real stores do.
import type { DemoProduct } from './catalogue/index.ts';
import { unit } from './random.ts';

function storage(gb: number | null, space = false): string {
  if (gb === null) return '';
  const value = gb >= 1024 ? `${gb / 1024}` : `${gb}`;
  const unitName = gb >= 1024 ? 'TB' : 'GB';
  return space ? `${value} ${unitName}` : `${value}${unitName}`;
}

function cpuShort(product: DemoProduct): string {
  return (product.specs.Processor ?? '').replace(/^Intel Core /, '').replace(/^AMD /, '').replace(',', '');
}

/** The device an accessory is "for", from its family name ("Case for Samsung Galaxy M14 5G" → the phone). */
function forDevice(product: DemoProduct): string | null {
  const at = product.family.indexOf(' for ');
  return at === -1 ? null : product.family.slice(at + 5);
}

function cm(inches: number): number {
  return Math.round(inches * 2.54);
}

/** Amazon-like: full names, brackets of specs, sometimes a keyword tail. */
export function marketplaceTitle(product: DemoProduct, seed: number): string {
  const p = product;
  switch (p.category) {
    case 'phones': {
      const tail = unit(seed, 'title-tail', p.id) < 0.5 && p.specs.Battery
        ? ` | ${p.specs['Rear camera']?.split(' ')[0] ?? ''}MP Camera | ${p.specs.Battery} Battery`
        : '';
      return `${p.brand} ${p.family} (${p.colour}, ${p.ramGb}GB, ${storage(p.storageGb)} Storage)${tail}`;
    }
    case 'tvs':
      return `${p.brand} ${cm(p.sizeInches ?? 0)} cm (${p.sizeInches} inches) ${p.family} Smart TV ${p.model} (Black)`;
    case 'laptops':
      return `${p.brand} ${p.family} Laptop, ${p.specs.Processor}, ${p.ramGb}GB RAM, ${storage(p.storageGb)} SSD, ${p.sizeInches}" Display, ${p.specs.OS}${p.colour ? `, ${p.colour}` : ''} (${p.model})`;
    case 'appliances':
      return `${p.brand} ${p.capacity} ${p.specs['Energy rating'] ? `${p.specs['Energy rating']} ` : ''}${p.family} (${p.model}${p.colour ? `, ${p.colour}` : ''})`;
    default:
      return `${p.brand} ${p.family}${p.colour ? ` - ${p.colour}` : ''}`;
  }
}

/** Flipkart-like: brand in capitals, storage before RAM, model number in brackets. */
export function bazaarTitle(product: DemoProduct): string {
  const p = product;
  const brand = p.brand.toUpperCase();
  switch (p.category) {
    case 'phones':
      return `${brand} ${p.family} (${p.colour}, ${storage(p.storageGb, true)}) (${p.ramGb} GB RAM)`;
    case 'tvs':
      return `${brand} ${p.family} ${cm(p.sizeInches ?? 0)} cm (${p.sizeInches} inch) Ultra HD (4K) LED Smart TV (${p.model})`;
    case 'laptops':
      return `${brand} ${p.family} ${cpuShort(p)} - (${p.ramGb} GB/${storage(p.storageGb, true)} SSD/${p.specs.OS}) ${p.model} Laptop (${p.sizeInches} Inch${p.colour ? `, ${p.colour}` : ''})`;
    case 'appliances':
      return `${brand} ${p.capacity} ${p.kind} ${p.model}${p.colour ? ` (${p.colour})` : ''}`;
    default: {
      const device = forDevice(p);
      if (p.kind === 'Case' && device) return `${p.brand} Back Cover for ${device} (${p.colourShort ?? 'Transparent'}, Grip Case)`;
      if (device) return `${p.brand} ${p.kind} for ${device}`;
      return `${brand} ${p.family}${p.colourShort ? ` (${p.colourShort})` : ''}`;
    }
  }
}

/** A small shop's terse titles: "Galaxy M14 5G 6/128GB Silver". */
export function shopTitle(product: DemoProduct): string {
  const p = product;
  switch (p.category) {
    case 'phones':
      return p.brand === 'Apple'
        ? `${p.family} ${storage(p.storageGb)} ${p.colourShort}`
        : `${p.family} ${p.ramGb}/${storage(p.storageGb)} ${p.colourShort}`;
    case 'tvs':
      return `${p.brand} ${p.sizeInches}" ${p.family} ${p.model}`;
    case 'laptops':
      return `${p.brand} ${p.family} ${cpuShort(p)} ${p.ramGb}GB ${storage(p.storageGb)}${p.colourShort ? ` ${p.colourShort}` : ''}`;
    case 'appliances':
      return `${p.brand} ${p.model} ${p.capacity}`;
    default:
      return `${p.family}${p.colourShort ? ` ${p.colourShort}` : ''} - ${p.brand}`;
  }
}

/** A European shop: brand in capitals, short line names, model number at the end. */
export function euroTitle(product: DemoProduct): string {
  const p = product;
  const brand = p.brand.toUpperCase();
  switch (p.category) {
    case 'phones': {
      const family = p.brand === 'Samsung' ? p.family.replace(/^Galaxy (?=[AM]\d)/, '') : p.family;
      return `${brand} ${family} ${storage(p.storageGb, true)} ${p.colourShort} ${p.model}`;
    }
    case 'tvs':
      return `${brand} ${p.model} ${p.sizeInches}" ${p.family}`;
    case 'laptops':
      return `${brand} ${p.family} ${p.sizeInches}" ${cpuShort(p)} ${p.ramGb}GB ${storage(p.storageGb, true)} SSD`;
    case 'appliances':
      return `${brand} ${p.model} ${p.family} ${p.capacity}`;
    default:
      return `${brand} ${p.family}${p.colourShort ? `, ${p.colourShort}` : ''}`;
  }
}

/** Shopify variant options ("8GB / 128GB", "Icy Silver"): what tells one variant of a line from the others. */
export function shopifyOptions(product: DemoProduct): string[] {
  const p = product;
  switch (p.category) {
    case 'phones':
      return [`${p.ramGb}GB / ${storage(p.storageGb)}`, p.colour ?? ''].filter(Boolean);
    case 'tvs':
      return [`${p.sizeInches}"`];
    case 'laptops':
      return [`${p.ramGb}GB / ${storage(p.storageGb)}`, p.model];
    case 'appliances':
      return [p.capacity ?? '', p.colour ?? '', p.model].filter(Boolean);
    default:
      return [p.colour ?? p.model];
  }
}
