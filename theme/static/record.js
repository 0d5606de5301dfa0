/*
 * Reading the records of search/providers.json and search/details.json.
 * Their short keys are a contract declared once, in search-record.json
 * (care_directory/model/search_record.json, copied by the build): each key
 * names the Provider field it carries. The scripts ask for a field by its
 * name, field.name(record), and never spell a short key. No DOM here.
 */
import contract from "./search-record.json" with { type: "json" };

function accessors(sections) {
  const byField = {};
  for (const section of sections) {
    for (const [key, { field }] of Object.entries(section)) {
      if (field in byField) {
        throw new Error(`search-record.json names the field ${field} twice`);
      }
      byField[field] = (record) => record[key];
    }
  }
  return Object.freeze(byField);
}

/**
 * One reader per Provider field, for records of either file (the shortlist
 * merges a provider's details into its record): field.slug(record).
 */
export const field = accessors([contract.provider, contract.details]);
