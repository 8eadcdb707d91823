// Demo home appliances: washing machines, fridges, ACs, microwaves and small kitchen/cleaning kit.
import type { FamilyDefinition } from './types.ts';

type Row = [model: string, capacity: string, priceInr: number, colour?: [string, string]];

function line(
  brand: string,
  family: string,
  kind: string,
  global: boolean,
  specs: Record<string, string>,
  rows: Row[],
): FamilyDefinition {
  return {
    brand,
    family,
    category: 'appliances',
    kind,
    global,
    specs,
    variants: rows.map(([model, capacity, priceInr, colour]) => ({ model, capacity, priceInr, colour })),
  };
}

const front = { Type: 'Front load, fully automatic', 'Energy rating': '5 star', Motor: 'Inverter direct drive' };

export const applianceFamilies: FamilyDefinition[] = [
  line('LG', 'Front Load Washing Machine', 'Washing Machine', false, front, [
    ['FHM1207SDW', '7 kg', 29990], ['FHM1408BDW', '8 kg', 36990], ['FHV1409ZWB', '9 kg', 45990],
  ]),
  line('Samsung', 'EcoBubble Front Load Washing Machine', 'Washing Machine', false, front, [
    ['WW70T502NAX/TL', '7 kg', 31990], ['WW80T504DAX/TL', '8 kg', 35990],
  ]),
  line('Bosch', 'Series 4 Front Load Washing Machine', 'Washing Machine', true, front, [
    ['WAJ2416SIN', '7 kg', 29990], ['WGA1420SIN', '8 kg', 36990],
  ]),
  line('IFB', 'Senator WXS Front Load Washing Machine', 'Washing Machine', false, front, [['Senator WXS 8012', '8 kg', 39990]]),
  line('Whirlpool', 'Ace Supreme Semi-Automatic Top Load', 'Washing Machine', false,
    { Type: 'Semi-automatic top load', 'Energy rating': '5 star' }, [['ACE 7.5 SUPREME', '7.5 kg', 11490]]),
  line('Samsung', 'Double Door Refrigerator', 'Refrigerator', false,
    { Type: 'Frost free double door', 'Energy rating': '3 star', Compressor: 'Digital inverter' }, [
      ['RT28C3032GS/HL', '236 L', 25990, ['Refined Inox', 'Silver']],
      ['RT28C3032S8/HL', '236 L', 25490, ['Elegant Inox', 'Grey']],
    ]),
  line('LG', 'Frost-Free Double Door Refrigerator', 'Refrigerator', false,
    { Type: 'Frost free double door', 'Energy rating': '3 star', Compressor: 'Smart inverter' }, [
      ['GL-I292RPZL', '260 L', 28990, ['Shiny Steel', 'Silver']],
      ['GL-S292RDSY', '260 L', 27490, ['Dazzle Steel', 'Grey']],
    ]),
  line('Whirlpool', 'IntelliFresh Inverter Refrigerator', 'Refrigerator', false,
    { Type: 'Frost free double door', 'Energy rating': '3 star' }, [['IF INV CNV 278 ELT 3S', '265 L', 25490]]),
  line('Haier', 'Direct Cool Single Door Refrigerator', 'Refrigerator', true,
    { Type: 'Direct cool single door', 'Energy rating': '4 star' }, [['HED-20FDS', '190 L', 16990]]),
  line('Godrej', 'Edge Neo Single Door Refrigerator', 'Refrigerator', false,
    { Type: 'Direct cool single door', 'Energy rating': '2 star' }, [['RD EDGENEO 207D 25 THI', '180 L', 15990]]),
  line('Voltas', 'Vectra Inverter Split AC', 'Air Conditioner', false,
    { Type: 'Split, inverter', 'Energy rating': '3 star', Refrigerant: 'R32' }, [
      ['123V Vectra Elite', '1 Ton', 31990], ['183V Vectra Elite', '1.5 Ton', 34990],
    ]),
  line('Daikin', 'Inverter Split AC', 'Air Conditioner', true,
    { Type: 'Split, inverter', 'Energy rating': '3 star', Refrigerant: 'R32' }, [
      ['FTKF35UV16V', '1 Ton', 36990], ['FTKF50UV16V', '1.5 Ton', 42990],
    ]),
  line('LG', 'Dual Inverter Split AC', 'Air Conditioner', false,
    { Type: 'Split, dual inverter', 'Energy rating': '5 star', Refrigerant: 'R32' }, [['PS-Q19YNZE', '1.5 Ton', 49990]]),
  line('Blue Star', 'Inverter Split AC', 'Air Conditioner', false,
    { Type: 'Split, inverter', 'Energy rating': '3 star', Refrigerant: 'R32' }, [['IC318YNU', '1.5 Ton', 36990]]),
  line('Samsung', 'Convection Microwave Oven', 'Microwave', true,
    { Type: 'Convection', Controls: 'Tact' }, [['MC28A5013AK/TL', '28 L', 13990]]),
  line('IFB', 'Convection Microwave Oven', 'Microwave', false, { Type: 'Convection' }, [['25BC4', '25 L', 13490]]),
  line('LG', 'Charcoal Convection Microwave Oven', 'Microwave', false, { Type: 'Charcoal convection' }, [['MJ2886BFUM', '28 L', 21990]]),
  line('Philips', 'Air Fryer', 'Air Fryer', true, { Technology: 'Rapid Air', Power: '1400 W' }, [
    ['HD9200/90', '4.1 L', 6499], ['HD9252/90', '4.1 L', 7999],
  ]),
  line('Dyson', 'Cordless Vacuum Cleaner', 'Vacuum Cleaner', true, { Type: 'Cordless stick', 'Run time': 'Up to 60 min' }, [
    ['SV25 V8', '0.54 L', 34900], ['SV46 V12 Detect Slim', '0.35 L', 55900],
  ]),
  line('Philips', 'Mixer Grinder', 'Mixer Grinder', false, { Jars: '3', Warranty: '2 years' }, [['HL7756/00', '750 W', 3999]]),
  line('Bajaj', 'Rex Mixer Grinder', 'Mixer Grinder', false, { Jars: '3' }, [['Rex 500W 3 Jars', '500 W', 2299]]),
  line('Philips', 'Electric Kettle', 'Kettle', true, { Body: 'Stainless steel' }, [['HD9306/06', '1.5 L', 1795]]),
  line('Prestige', 'Induction Cooktop', 'Induction Cooktop', false, { Controls: 'Push button' }, [['PIC 20.0', '1200 W', 2399]]),
  line('Philips', 'Dry Iron', 'Iron', false, { Soleplate: 'Non-stick' }, [['GC1905/21', '1440 W', 899]]),
  line('Kent', 'Supreme RO Water Purifier', 'Water Purifier', false, { Purification: 'RO + UF + TDS control' }, [['11107', '8 L', 15500]]),
  line('Eureka Forbes', 'Aquaguard Aura Water Purifier', 'Water Purifier', false, { Purification: 'RO + UV + MTDS' }, [['Aura 2020', '7 L', 17999]]),
  line('Bosch', 'Series 6 Dishwasher', 'Dishwasher', true, { 'Place settings': '13', 'Energy rating': '5 star' }, [['SMS66GI01I', '13 place settings', 46990]]),
  line('iRobot', 'Roomba Robot Vacuum', 'Vacuum Cleaner', true, { Navigation: 'iAdapt 2.0' }, [['i3152', '0.4 L', 39900]]),
];
