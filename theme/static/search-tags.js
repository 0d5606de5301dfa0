/*
 * The applied filters of a search as removable tags, worked out without the
 * DOM so the Node tests can read them: each tag's words and the query string
 * of the same search without it.
 */
import { queryFromState } from "./search-core.js";

const PAYMENT = { "direct-payments": "With a Direct Payment", "self-funding": "With my own money" };
const CQC = { registered: "Registered with the CQC", exempt: "Sole trader, exempt from CQC registration" };

/** The query string of state without one filter: the value of the field called name. */
export function without(state, name, value) {
  const next = { ...state };
  next[name] = Array.isArray(state[name]) ? state[name].filter((v) => v !== value) : "";
  return queryFromState(next);
}

/**
 * [{label, query, name, value}] for each applied filter: query is the
 * search without it (without(state, name, value)); names maps service and
 * district ids to their names.
 */
export function filterTags(state, names) {
  const tags = [];
  const add = (name, value, label) => tags.push({ label, query: without(state, name, value), name, value });
  if (state.q) {
    add("q", state.q, `Keywords: ${state.q}`);
  }
  if (state.location) {
    add("location", state.location, `Near ${state.location}`);
  }
  for (const id of state.service) {
    add("service", id, names.services[id] || id);
  }
  if (state.district) {
    add("district", state.district, `In ${names.districts[state.district] || state.district}`);
  }
  for (const id of state.payment) {
    add("payment", id, PAYMENT[id] || id);
  }
  if (state.accepting) {
    add("accepting", state.accepting, "Taking new clients");
  }
  if (state.cqc) {
    add("cqc", state.cqc, CQC[state.cqc] || state.cqc);
  }
  if (state.language) {
    add("language", state.language, `Speaks ${state.language}`);
  }
  return tags;
}
