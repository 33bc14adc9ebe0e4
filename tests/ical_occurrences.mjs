// Prints, as JSON, every occurrence of every confirmed event of an iCalendar file as Mozilla's
// ical.js reads it: [[uid, UTC ISO time], ...] from each event's start until the given day.
// Usage: node tests/ical_occurrences.mjs NODE_MODULES FILE.ics UNTIL(YYYY-MM-DD)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, file, until] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(join(modules, "ical.js", "dist", "ical.js")))).default;
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const end = ICAL.Time.fromDateString(until);
const found = [];
for (const component of calendar.getAllSubcomponents("vevent")) {
  if (component.getFirstPropertyValue("status") === "CANCELLED") continue;
  const event = new ICAL.Event(component);
  const iterator = event.iterator();
  for (let next = iterator.next(); next && next.compare(end) < 0; next = iterator.next()) {
    found.push([event.uid, next.toJSDate().toISOString()]);
  }
}
process.stdout.write(JSON.stringify(found));
