// Module resolution hook for the Node tests: the page scripts import
// ./search-record.json, which the build copies beside them into assets/
// from care_directory/model/search_record.json. This points that import at
// the one source file, so the tests run the theme's scripts unbuilt.
import { fileURLToPath, pathToFileURL } from "node:url";

const CONTRACT = new URL("../../care_directory/model/search_record.json", import.meta.url).href;
const THEME_STATIC = pathToFileURL(fileURLToPath(new URL("../../theme/static/", import.meta.url))).href;

export async function resolve(specifier, context, nextResolve) {
    if (specifier === "./search-record.json" && context.parentURL?.startsWith(THEME_STATIC)) {
        return { url: CONTRACT, format: "json", shortCircuit: true };
    }
    return nextResolve(specifier, context);
}
