// Demo TVs (one product per screen size) and laptops (one product per configuration).
import type { FamilyDefinition } from './types.ts';

interface TvLine {
  brand: string;
  family: string;
  /** Model number with {size} for the diagonal in inches. */
  model: string;
  sizes: [inches: number, priceInr: number][];
  global: boolean;
  specs: Record<string, string>;
}

const tvLines: TvLine[] = [
  { brand: 'Samsung', family: 'Crystal 4K UHD CU8000', model: 'UA{size}CU8000KLXL', global: false,
    sizes: [[43, 32990], [50, 37990], [55, 46990], [65, 64990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '50 Hz', 'Smart platform': 'Tizen' } },
  { brand: 'LG', family: 'UR7500 4K Smart TV', model: '{size}UR7500PSC', global: false,
    sizes: [[43, 28990], [50, 33990], [55, 41990], [65, 56990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'webOS' } },
  { brand: 'LG', family: 'OLED evo C3', model: 'OLED{size}C3PSA', global: true,
    sizes: [[55, 139990], [65, 219990], [77, 349990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'OLED', 'Refresh rate': '120 Hz', 'Smart platform': 'webOS' } },
  { brand: 'Sony', family: 'Bravia X75L', model: 'KD-{size}X75L', global: true,
    sizes: [[43, 44990], [50, 57990], [55, 62990], [65, 82990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'Google TV' } },
  { brand: 'Sony', family: 'Bravia 7', model: 'K-{size}XR70', global: true,
    sizes: [[55, 179990], [65, 239990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'Mini LED QLED', 'Refresh rate': '120 Hz', 'Smart platform': 'Google TV' } },
  { brand: 'TCL', family: 'C645 QLED', model: '{size}C645', global: true,
    sizes: [[43, 26990], [50, 31990], [55, 36990], [65, 49990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'QLED', 'Refresh rate': '60 Hz', 'Smart platform': 'Google TV' } },
  { brand: 'Xiaomi', family: 'X Pro 4K', model: 'L{size}M8-5XIN', global: false,
    sizes: [[43, 29999], [50, 34999], [55, 39999]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'Google TV' } },
  { brand: 'OnePlus', family: 'Y1S Pro 4K', model: '{size}UC1A00', global: false,
    sizes: [[43, 26999], [50, 31999], [55, 36999]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'Android TV' } },
  { brand: 'Hisense', family: 'A6K 4K', model: '{size}A6K', global: true,
    sizes: [[43, 24999], [55, 35999], [65, 49999]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'VIDAA' } },
  { brand: 'Samsung', family: 'Neo QLED QN90C', model: 'QA{size}QN90CAKLXL', global: false,
    sizes: [[55, 149990], [65, 199990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'Neo QLED Mini LED', 'Refresh rate': '120 Hz', 'Smart platform': 'Tizen' } },
  { brand: 'Acer', family: 'Advanced I Series', model: 'AR{size}GR2851UDFL', global: false,
    sizes: [[32, 12999], [43, 21999]],
    specs: { Resolution: 'HD Ready / 4K', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'Google TV' } },
  { brand: 'Panasonic', family: 'MX710 4K', model: 'TH-{size}MX710DX', global: false,
    sizes: [[43, 34990], [55, 49990]],
    specs: { Resolution: '4K Ultra HD (3840 × 2160)', Panel: 'LED', 'Refresh rate': '60 Hz', 'Smart platform': 'Google TV' } },
];

export const tvFamilies: FamilyDefinition[] = tvLines.map((line) => ({
  brand: line.brand,
  family: line.family,
  category: 'tvs',
  kind: 'Television',
  global: line.global,
  specs: line.specs,
  variants: line.sizes.map(([inches, priceInr]) => ({
    model: line.model.replace('{size}', String(inches)),
    priceInr,
    sizeInches: inches,
    specs: { 'Screen size': `${inches} inches (${Math.round(inches * 2.54)} cm)` },
  })),
}));

type LaptopConfig = [model: string, cpu: string, ramGb: number, storageGb: number, priceInr: number, colour?: [string, string]];

interface LaptopLine {
  brand: string;
  family: string;
  sizeInches: number;
  global: boolean;
  specs: Record<string, string>;
  configs: LaptopConfig[];
}

const laptopLines: LaptopLine[] = [
  { brand: 'Apple', family: 'MacBook Air 13 (M2)', sizeInches: 13.6, global: true,
    specs: { Display: '13.6" Liquid Retina', OS: 'macOS', Weight: '1.24 kg' },
    configs: [
      ['MLY33HN/A', 'Apple M2', 8, 256, 99900, ['Midnight', 'Black']],
      ['MLXW3HN/A', 'Apple M2', 8, 256, 99900, ['Space Grey', 'Grey']],
      ['MLXY3HN/A', 'Apple M2', 8, 256, 99900, ['Silver', 'Silver']],
      ['MLY13HN/A', 'Apple M2', 8, 256, 99900, ['Starlight', 'Gold']],
      ['MLY43HN/A', 'Apple M2', 8, 512, 124900, ['Midnight', 'Black']],
    ] },
  { brand: 'Apple', family: 'MacBook Air 13 (M3)', sizeInches: 13.6, global: true,
    specs: { Display: '13.6" Liquid Retina', OS: 'macOS', Weight: '1.24 kg' },
    configs: [
      ['MRXN3HN/A', 'Apple M3', 8, 256, 114900, ['Midnight', 'Black']],
      ['MRXQ3HN/A', 'Apple M3', 8, 256, 114900, ['Silver', 'Silver']],
      ['MRXT3HN/A', 'Apple M3', 8, 256, 114900, ['Starlight', 'Gold']],
      ['MXCV3HN/A', 'Apple M3', 16, 512, 144900, ['Midnight', 'Black']],
    ] },
  { brand: 'Apple', family: 'MacBook Pro 14 (M3)', sizeInches: 14.2, global: true,
    specs: { Display: '14.2" Liquid Retina XDR', OS: 'macOS', Weight: '1.55 kg' },
    configs: [
      ['MTL73HN/A', 'Apple M3', 8, 512, 169900, ['Space Grey', 'Grey']],
      ['MR7J3HN/A', 'Apple M3', 8, 1024, 189900, ['Silver', 'Silver']],
    ] },
  { brand: 'Dell', family: 'Inspiron 3520', sizeInches: 15.6, global: false,
    specs: { Display: '15.6" FHD 120Hz', OS: 'Windows 11 Home', Weight: '1.65 kg' },
    configs: [
      ['D560871WIN9B', 'Intel Core i3-1215U', 8, 512, 38990],
      ['D560896WIN9B', 'Intel Core i5-1235U', 16, 512, 55990],
      ['D560897WIN9S', 'Intel Core i7-1255U', 16, 512, 69990],
    ] },
  { brand: 'HP', family: 'Pavilion 15', sizeInches: 15.6, global: false,
    specs: { Display: '15.6" FHD IPS', OS: 'Windows 11 Home', Weight: '1.75 kg' },
    configs: [
      ['15-eg3027TU', 'Intel Core i3-1315U', 8, 512, 48990],
      ['15-eg3081TU', 'Intel Core i5-1335U', 16, 512, 67990],
      ['15-eg3111TU', 'Intel Core i7-1355U', 16, 1024, 84990],
    ] },
  { brand: 'HP', family: 'Victus 15', sizeInches: 15.6, global: true,
    specs: { Display: '15.6" FHD 144Hz', OS: 'Windows 11 Home', Weight: '2.29 kg' },
    configs: [
      ['15-fa1351TX', 'Intel Core i5-12450H, RTX 2050', 16, 512, 58990],
      ['15-fa1226TX', 'Intel Core i5-13420H, RTX 3050', 16, 512, 69990],
    ] },
  { brand: 'Lenovo', family: 'IdeaPad Slim 3', sizeInches: 15.6, global: true,
    specs: { Display: '15.6" FHD IPS', OS: 'Windows 11 Home', Weight: '1.62 kg' },
    configs: [
      ['82XQ00BBIN', 'AMD Ryzen 5 7520U', 8, 512, 41990],
      ['83ER00EVIN', 'Intel Core i5-12450H', 8, 512, 47990],
      ['83ER0089IN', 'Intel Core i5-12450H', 16, 512, 54990],
    ] },
  { brand: 'Lenovo', family: 'ThinkPad E14 Gen 5', sizeInches: 14, global: true,
    specs: { Display: '14" WUXGA IPS', OS: 'Windows 11 Pro', Weight: '1.41 kg' },
    configs: [
      ['21JKS0Q500', 'Intel Core i5-1335U', 16, 512, 72990],
      ['21JKS0Q600', 'Intel Core i7-1355U', 16, 512, 89990],
    ] },
  { brand: 'ASUS', family: 'Vivobook 15', sizeInches: 15.6, global: true,
    specs: { Display: '15.6" FHD', OS: 'Windows 11 Home', Weight: '1.70 kg' },
    configs: [
      ['X1502ZA-EJ302WS', 'Intel Core i3-1220P', 8, 512, 38990],
      ['X1502ZA-EJ532WS', 'Intel Core i5-12500H', 16, 512, 52990],
    ] },
  { brand: 'ASUS', family: 'TUF Gaming F15', sizeInches: 15.6, global: true,
    specs: { Display: '15.6" FHD 144Hz', OS: 'Windows 11 Home', Weight: '2.20 kg' },
    configs: [
      ['FX507ZC4-HN116W', 'Intel Core i5-12500H, RTX 3050', 16, 512, 68990],
      ['FX507ZV4-LP106W', 'Intel Core i7-12700H, RTX 4060', 16, 512, 99990],
    ] },
  { brand: 'Acer', family: 'Aspire Lite AL15-51', sizeInches: 15.6, global: false,
    specs: { Display: '15.6" FHD', OS: 'Windows 11 Home', Weight: '1.59 kg' },
    configs: [
      ['UN.431SI.195', 'Intel Core i3-1115G4', 8, 512, 29990],
      ['UN.431SI.198', 'Intel Core i5-1155G7', 16, 512, 39990],
    ] },
  { brand: 'MSI', family: 'Thin GF63', sizeInches: 15.6, global: true,
    specs: { Display: '15.6" FHD 144Hz', OS: 'Windows 11 Home', Weight: '1.86 kg' },
    configs: [
      ['12UC-1006IN', 'Intel Core i5-12450H, RTX 3050', 8, 512, 54990],
      ['12VE-466IN', 'Intel Core i5-12450H, RTX 4050', 16, 512, 69990],
    ] },
  { brand: 'Dell', family: 'XPS 13 9340', sizeInches: 13.4, global: true,
    specs: { Display: '13.4" FHD+ InfinityEdge', OS: 'Windows 11 Home', Weight: '1.19 kg' },
    configs: [['ICC-C785012WIN9', 'Intel Core Ultra 7 155H', 16, 512, 159990]] },
  { brand: 'Microsoft', family: 'Surface Laptop Go 3', sizeInches: 12.4, global: true,
    specs: { Display: '12.4" PixelSense touch', OS: 'Windows 11 Home', Weight: '1.13 kg' },
    configs: [['XK1-00015', 'Intel Core i5-1235U', 8, 256, 79999, ['Platinum', 'Silver']]] },
];

export const laptopFamilies: FamilyDefinition[] = laptopLines.map((line) => ({
  brand: line.brand,
  family: line.family,
  category: 'laptops',
  kind: 'Laptop',
  global: line.global,
  specs: line.specs,
  variants: line.configs.map(([model, cpu, ramGb, storageGb, priceInr, colour]) => ({
    model,
    priceInr,
    ramGb,
    storageGb,
    sizeInches: line.sizeInches,
    colour,
    specs: { Processor: cpu, Memory: `${ramGb} GB`, Storage: storageGb >= 1024 ? '1 TB SSD' : `${storageGb} GB SSD` },
  })),
}));
