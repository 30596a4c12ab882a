// A 품목 category's name as a consumer reads it: the English names in data/categories.json carry
// a classification note in brackets ("Shoes (textile uppers; leather 6403 has the same rate)").
const NOTE = /\s*\(.*\)\s*$/;
const plainNames = new Map<string, string>(); // names come from the data (a few dozen); the engine asks per item

export function plainCategoryName(name: string): string {
  let plain = plainNames.get(name);
  if (plain === undefined) {
    plain = name.replace(NOTE, '') || name;
    if (plainNames.size > 1000) plainNames.clear(); // bounded anyway
    plainNames.set(name, plain);
  }
  return plain;
}
