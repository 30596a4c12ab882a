// A 품목 category's name as a consumer reads it: the English names in data/categories.json carry
// a classification note in brackets ("Shoes (textile uppers; leather 6403 has the same rate)").
export function plainCategoryName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '') || name;
}
