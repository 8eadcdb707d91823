// Exact decimal helpers: money stays a string end to end, never a float. They live in domain/.
export { canonicalDecimal, compareDecimal, sameDecimal } from '../domain/decimal.ts';
