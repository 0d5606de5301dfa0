/*
 * Reading the provider records of the search files: search/shortlist/*.json
 * (whole records), search/cards/*.json and search/filters.json.
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

/**
 * The records of search/filters.json, which writes each string once
 * (care_directory/outputs/search_files.py, filter_table()): one record per
 * provider in ref order, under the contract's short keys.
 */
export function filterRecords(table) {
  const decoders = table.keys.map((key) => {
    const strings = table.values[key];
    if (!strings) {
      return (value) => value;
    }
    return (value) => (Array.isArray(value) ? value.map((i) => strings[i]) : strings[value]);
  });
  return table.rows.map((row) => {
    const record = {};
    table.keys.forEach((key, i) => {
      record[key] = decoders[i](row[i]);
    });
    return record;
  });
}
