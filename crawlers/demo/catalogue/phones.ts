// Demo phones: real-looking lines with RAM/storage and colour variants as separate products.
import type { FamilyDefinition, VariantDefinition } from './types.ts';

type Config = [ramGb: number, storageGb: number, priceInr: number];
type Colour = [full: string, short: string];

interface PhoneLine {
  brand: string;
  family: string;
  /** One model number for every variant, or one per variant (Apple). */
  model: string | ((config: Config, colour: Colour, index: number) => string);
  configs: Config[];
  colours: Colour[];
  global: boolean;
  specs: Record<string, string>;
}

function applePart(prefix: string) {
  return (_config: Config, _colour: Colour, index: number) =>
    `${prefix}${String(index * 7 + 3).padStart(2, '0')}HN/A`;
}

const lines: PhoneLine[] = [
  {
    brand: 'Samsung', family: 'Galaxy M14 5G', model: 'SM-M146B', global: false,
    configs: [[4, 128, 13490], [6, 128, 14990]],
    colours: [['Icy Silver', 'Silver'], ['Smoky Teal', 'Teal'], ['Berry Blue', 'Blue']],
    specs: { Display: '6.6" FHD+ 90Hz', Processor: 'Exynos 1330', Battery: '6000 mAh', 'Rear camera': '50 MP + 2 MP + 2 MP' },
  },
  {
    brand: 'Samsung', family: 'Galaxy A15 5G', model: 'SM-A156E', global: true,
    configs: [[8, 128, 19499], [8, 256, 22499]],
    colours: [['Blue Black', 'Black'], ['Light Blue', 'Blue'], ['Butter Yellow', 'Yellow']],
    specs: { Display: '6.5" FHD+ Super AMOLED 90Hz', Processor: 'Dimensity 6100+', Battery: '5000 mAh', 'Rear camera': '50 MP + 5 MP + 2 MP' },
  },
  {
    brand: 'Samsung', family: 'Galaxy A35 5G', model: 'SM-A356E', global: true,
    configs: [[8, 128, 30999], [8, 256, 33999]],
    colours: [['Awesome Iceblue', 'Blue'], ['Awesome Lilac', 'Lilac'], ['Awesome Navy', 'Navy']],
    specs: { Display: '6.6" FHD+ Super AMOLED 120Hz', Processor: 'Exynos 1380', Battery: '5000 mAh', 'Rear camera': '50 MP OIS + 8 MP + 5 MP' },
  },
  {
    brand: 'Samsung', family: 'Galaxy S24', model: 'SM-S921B', global: true,
    configs: [[8, 256, 79999], [8, 512, 89999]],
    colours: [['Onyx Black', 'Black'], ['Marble Grey', 'Grey'], ['Cobalt Violet', 'Violet']],
    specs: { Display: '6.2" FHD+ Dynamic AMOLED 2X 120Hz', Processor: 'Exynos 2400', Battery: '4000 mAh', 'Rear camera': '50 MP + 12 MP + 10 MP' },
  },
  {
    brand: 'Samsung', family: 'Galaxy S24 Ultra', model: 'SM-S928B', global: true,
    configs: [[12, 256, 129999], [12, 512, 139999]],
    colours: [['Titanium Black', 'Black'], ['Titanium Gray', 'Grey'], ['Titanium Violet', 'Violet']],
    specs: { Display: '6.8" QHD+ Dynamic AMOLED 2X 120Hz', Processor: 'Snapdragon 8 Gen 3', Battery: '5000 mAh', 'Rear camera': '200 MP + 50 MP + 12 MP + 10 MP' },
  },
  {
    brand: 'Samsung', family: 'Galaxy Z Flip5', model: 'SM-F731B', global: true,
    configs: [[8, 256, 99999]],
    colours: [['Mint', 'Green'], ['Graphite', 'Grey']],
    specs: { Display: '6.7" FHD+ foldable, 3.4" cover screen', Processor: 'Snapdragon 8 Gen 2', Battery: '3700 mAh', 'Rear camera': '12 MP + 12 MP' },
  },
  {
    brand: 'Apple', family: 'iPhone 15', model: applePart('MTP'), global: true,
    configs: [[6, 128, 79900], [6, 256, 89900], [6, 512, 109900]],
    colours: [['Black', 'Black'], ['Blue', 'Blue'], ['Green', 'Green'], ['Pink', 'Pink']],
    specs: { Display: '6.1" Super Retina XDR', Processor: 'A16 Bionic', 'Rear camera': '48 MP + 12 MP', Connector: 'USB-C' },
  },
  {
    brand: 'Apple', family: 'iPhone 15 Pro', model: applePart('MTV'), global: true,
    configs: [[8, 128, 134900], [8, 256, 144900]],
    colours: [['Natural Titanium', 'Natural'], ['Blue Titanium', 'Blue'], ['Black Titanium', 'Black']],
    specs: { Display: '6.1" Super Retina XDR ProMotion', Processor: 'A17 Pro', 'Rear camera': '48 MP + 12 MP + 12 MP', Connector: 'USB-C' },
  },
  {
    brand: 'Apple', family: 'iPhone 14', model: applePart('MPV'), global: true,
    configs: [[6, 128, 69900], [6, 256, 79900]],
    colours: [['Midnight', 'Black'], ['Starlight', 'White'], ['(PRODUCT)RED', 'Red']],
    specs: { Display: '6.1" Super Retina XDR', Processor: 'A15 Bionic', 'Rear camera': '12 MP + 12 MP', Connector: 'Lightning' },
  },
  {
    brand: 'OnePlus', family: 'Nord CE 3 Lite 5G', model: 'CPH2467', global: false,
    configs: [[8, 128, 19999], [8, 256, 21999]],
    colours: [['Chromatic Gray', 'Grey'], ['Pastel Lime', 'Lime']],
    specs: { Display: '6.72" FHD+ 120Hz', Processor: 'Snapdragon 695', Battery: '5000 mAh', Charging: '67W SUPERVOOC' },
  },
  {
    brand: 'OnePlus', family: '12', model: 'CPH2573', global: true,
    configs: [[12, 256, 64999], [16, 512, 69999]],
    colours: [['Flowy Emerald', 'Green'], ['Silky Black', 'Black']],
    specs: { Display: '6.82" QHD+ LTPO AMOLED 120Hz', Processor: 'Snapdragon 8 Gen 3', Battery: '5400 mAh', Charging: '80W SUPERVOOC' },
  },
  {
    brand: 'OnePlus', family: '12R', model: 'CPH2609', global: true,
    configs: [[8, 128, 39999], [16, 256, 45999]],
    colours: [['Cool Blue', 'Blue'], ['Iron Gray', 'Grey']],
    specs: { Display: '6.78" 1.5K LTPO AMOLED 120Hz', Processor: 'Snapdragon 8 Gen 2', Battery: '5500 mAh', Charging: '100W SUPERVOOC' },
  },
  {
    brand: 'Xiaomi', family: 'Redmi Note 13 5G', model: '2312DRAABI', global: false,
    configs: [[6, 128, 17999], [8, 256, 19999], [12, 256, 21999]],
    colours: [['Arctic White', 'White'], ['Stealth Black', 'Black']],
    specs: { Display: '6.67" FHD+ AMOLED 120Hz', Processor: 'Dimensity 6080', Battery: '5000 mAh', 'Rear camera': '108 MP + 8 MP + 2 MP' },
  },
  {
    brand: 'Xiaomi', family: 'Redmi 13C 5G', model: '23124RN87I', global: false,
    configs: [[4, 128, 10499], [6, 128, 11999]],
    colours: [['Startrail Black', 'Black'], ['Startrail Green', 'Green']],
    specs: { Display: '6.74" HD+ 90Hz', Processor: 'Dimensity 6100+', Battery: '5000 mAh', 'Rear camera': '50 MP' },
  },
  {
    brand: 'Xiaomi', family: '14', model: '23127PN0CG', global: true,
    configs: [[12, 512, 69999]],
    colours: [['Jade Green', 'Green'], ['Black', 'Black']],
    specs: { Display: '6.36" 1.5K LTPO AMOLED 120Hz', Processor: 'Snapdragon 8 Gen 3', Battery: '4610 mAh', 'Rear camera': 'Leica 50 MP × 3' },
  },
  {
    brand: 'realme', family: 'narzo 60 5G', model: 'RMX3750', global: false,
    configs: [[8, 128, 17999], [8, 256, 19999]],
    colours: [['Cosmic Black', 'Black'], ['Mars Orange', 'Orange']],
    specs: { Display: '6.43" FHD+ Super AMOLED 90Hz', Processor: 'Dimensity 6020', Battery: '5000 mAh', Charging: '33W SUPERVOOC' },
  },
  {
    brand: 'realme', family: '12 Pro+ 5G', model: 'RMX3840', global: false,
    configs: [[8, 256, 29999], [12, 256, 31999]],
    colours: [['Submarine Blue', 'Blue'], ['Navigator Beige', 'Beige']],
    specs: { Display: '6.7" FHD+ curved AMOLED 120Hz', Processor: 'Snapdragon 7s Gen 2', Battery: '5000 mAh', 'Rear camera': '64 MP periscope + 50 MP + 8 MP' },
  },
  {
    brand: 'Google', family: 'Pixel 8', model: 'GKWS6', global: true,
    configs: [[8, 128, 75999], [8, 256, 82999]],
    colours: [['Obsidian', 'Black'], ['Hazel', 'Green'], ['Rose', 'Pink']],
    specs: { Display: '6.2" Actua OLED 120Hz', Processor: 'Google Tensor G3', Battery: '4575 mAh', 'Rear camera': '50 MP + 12 MP' },
  },
  {
    brand: 'Google', family: 'Pixel 8a', model: 'G8HHN', global: true,
    configs: [[8, 128, 52999]],
    colours: [['Obsidian', 'Black'], ['Porcelain', 'White'], ['Bay', 'Blue']],
    specs: { Display: '6.1" Actua OLED 120Hz', Processor: 'Google Tensor G3', Battery: '4492 mAh', 'Rear camera': '64 MP + 13 MP' },
  },
  {
    brand: 'Google', family: 'Pixel 7a', model: 'GWKK3', global: true,
    configs: [[8, 128, 43999]],
    colours: [['Charcoal', 'Black'], ['Snow', 'White'], ['Sea', 'Blue']],
    specs: { Display: '6.1" FHD+ OLED 90Hz', Processor: 'Google Tensor G2', Battery: '4385 mAh', 'Rear camera': '64 MP + 13 MP' },
  },
  {
    brand: 'Motorola', family: 'moto g54 5G', model: 'XT2343-2', global: false,
    configs: [[8, 128, 15999], [12, 256, 18999]],
    colours: [['Midnight Blue', 'Blue'], ['Mint Green', 'Green']],
    specs: { Display: '6.5" FHD+ 120Hz', Processor: 'Dimensity 7020', Battery: '6000 mAh', 'Rear camera': '50 MP OIS + 8 MP' },
  },
  {
    brand: 'Motorola', family: 'edge 40', model: 'XT2303-2', global: true,
    configs: [[8, 256, 29999]],
    colours: [['Eclipse Black', 'Black'], ['Nebula Green', 'Green'], ['Lunar Blue', 'Blue']],
    specs: { Display: '6.55" FHD+ pOLED 144Hz', Processor: 'Dimensity 8020', Battery: '4400 mAh', Charging: '68W TurboPower' },
  },
  {
    brand: 'vivo', family: 'T2x 5G', model: 'V2312', global: false,
    configs: [[4, 128, 12999], [8, 128, 14999]],
    colours: [['Marine Blue', 'Blue'], ['Glimmer Black', 'Black']],
    specs: { Display: '6.58" FHD+ 120Hz', Processor: 'Dimensity 6020', Battery: '5000 mAh', 'Rear camera': '50 MP + 2 MP' },
  },
  {
    brand: 'Nokia', family: 'G42 5G', model: 'TA-1581', global: true,
    configs: [[6, 128, 12599]],
    colours: [['So Purple', 'Purple'], ['So Grey', 'Grey']],
    specs: { Display: '6.56" HD+ 90Hz', Processor: 'Snapdragon 480+', Battery: '5000 mAh', 'Rear camera': '50 MP + 2 MP + 2 MP' },
  },
];

export const phoneFamilies: FamilyDefinition[] = lines.map((line) => {
  const variants: VariantDefinition[] = [];
  line.configs.forEach((config) => {
    line.colours.forEach((colour) => {
      const model = typeof line.model === 'string' ? line.model : line.model(config, colour, variants.length);
      variants.push({ model, priceInr: config[2], ramGb: config[0], storageGb: config[1], colour });
    });
  });
  return {
    brand: line.brand,
    family: line.family,
    category: 'phones',
    kind: 'Smartphone',
    global: line.global,
    specs: line.specs,
    variants,
  };
});
