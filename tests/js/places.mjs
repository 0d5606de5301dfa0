// A small search/location.json and search/places.json, shaped as the build
// writes them (care_directory/outputs/location_files.py).

export const table = {
    area: "Cambridgeshire",
    councils: ["Cambridge", "Fenland", "Peterborough", "Huntingdonshire"],
    own: [0, 1, 3],
    // outcode: [lat, lon, council, in the area (1/0), has a postcode file (1/0)]
    outcodes: {
        CB1: [52.19, 0.14, 0, 1, 1],
        CB4: [52.23, 0.13, 0, 1, 1],
        PE13: [52.66, 0.16, 1, 1, 0],
        PE1: [52.59, -0.24, 2, 0, 1],
        PE27: [52.33, -0.07, 3, 1, 1],
    },
    districts: {
        cambridge: { c: 0, p: ["CB1", "CB4"] },
        fenland: { c: 1, p: ["PE13"] },
    },
    neighbours: [
        { name: "Suffolk's directory", url: "https://www.example.org/suffolk", c: [] },
        { name: "Peterborough's directory", url: "https://www.example.org/peterborough", c: [2] },
    ],
};

export const places = {
    councils: ["Huntingdonshire", "Cornwall", "Cambridge", "Cardiff", "Dorset"],
    // [name, lat, lon, outcode, council, rank, label when it is not the name]
    places: [
        ["St Ives", 52.32, -0.07, "PE27", 0, 2, "St Ives (Cambridgeshire)"],
        ["St Ives", 50.21, -5.48, "TR26", 1, 2, "St Ives (Cornwall)"],
        ["St Ives", 50.83, -1.82, "BH24", 4, 1, "St Ives (Dorset)"],
        ["Ely", 52.4, 0.26, "CB7", 3, 2, "Ely (Cambridgeshire)"],
        ["Ely", 51.48, -3.25, "CF5", 3, 0, "Ely (Cardiff)"],
        ["Chesterton", 52.22, 0.14, "CB4", 2, 0],
        ["Bar Hill", 52.25, 0.02, "CB23", 0, 1],
    ],
};
