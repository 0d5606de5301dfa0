// Builds records as the build writes them, from Provider field names, using
// the contract, so the tests spell no short key either.
import { readFileSync } from "node:fs";

const contract = JSON.parse(
    readFileSync(new URL("../../care_directory/model/search_record.json", import.meta.url), "utf8"),
);
const keyOf = Object.fromEntries(
    [...Object.entries(contract.provider), ...Object.entries(contract.details)].map(([key, entry]) => [
        entry.field,
        key,
    ]),
);

const DEFAULTS = {
    slug: "provider",
    name: "A provider",
    path: "providers/provider/",
    summary: "",
    town: "Cambridge",
    base_postcode_district: "",
    service_ids: [],
    district_ids: [],
    postcodes: [],
    direct_payments: 0,
    self_funders: 1,
    accepting_new_clients: 1,
    regulation: "not_applicable",
    languages: [],
    price_from: "",
    rating: 0,
    rating_words: "",
};

/** A provider's whole search record (as in search/shortlist/*.json) from field values. */
export function provider(fields) {
    return Object.fromEntries(
        Object.entries({ ...DEFAULTS, ...fields }).map(([name, value]) => {
            if (!(name in keyOf)) {
                throw new Error(`search_record.json has no field ${name}`);
            }
            return [keyOf[name], value];
        }),
    );
}
