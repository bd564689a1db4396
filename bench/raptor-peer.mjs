// raptor-peer.mjs: time the peer raptor-journey-planner (npm, installed by
// bench/run.sh into a git-ignored folder, never committed) on the same
// SYNTHETIC feed and the same random pairs as cmd/threshold-bench, and
// write its figures in the same JSON shape (TransitResult in
// cmd/threshold-bench/results.go).
//
//   node --expose-gc bench/raptor-peer.mjs NODE_MODULES_PARENT FEED_DIR PAIRS_JSON OUT_JSON
//
// The package's own zip loader hangs on Node 20, so its loadGTFS is fed a
// stream of rows read from the unzipped folder: loadGTFS only calls
// stream.pipe(gtfsStream()) and listens for {type, data} objects, which is
// what this stream yields directly. Rows are parsed as the package's loader
// would: raw strings, empty fields left out. The synthetic feed has no
// quoted fields; a quote stops the run rather than being misread.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import { createRequire } from "node:module";

const [modulesDir, feedDir, pairsPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: raptor-peer.mjs NODE_MODULES_PARENT FEED_DIR PAIRS_JSON OUT_JSON");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modulesDir), "package.json"));
const rjp = require("raptor-journey-planner");
const version = require("raptor-journey-planner/package.json").version;

// The entity type gtfs-stream gives a file: its singular name.
const entityType = file => path.basename(file, ".txt").replace(/s$/, "");

let stopTimeRows = 0;

async function* rows(dir) {
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".txt")).sort()) {
    const type = entityType(file);
    const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, file)), crlfDelay: Infinity });
    let header;
    for await (let line of lines) {
      if (line.includes('"')) throw new Error(`${file}: quoted CSV fields are not supported here`);
      if (!header) {
        header = line.replace(/^\uFEFF/, "").split(",");
        continue;
      }
      if (line === "") continue;
      const values = line.split(",");
      const data = {};
      for (let i = 0; i < header.length; i++) {
        if (values[i]) data[header[i]] = values[i];
      }
      if (type === "stop_time") stopTimeRows++;
      yield { type, data };
    }
  }
}

const ns = t0 => Number(process.hrtime.bigint() - t0);
const gc = () => { if (global.gc) { global.gc(); global.gc(); } };

async function load(dir, date) {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const [trips, transfers, interchange] = await rjp.loadGTFS({ pipe: () => Readable.from(rows(dir)) });
  const raptor = rjp.RaptorAlgorithmFactory.create(trips, transfers, interchange, date);
  const loadMS = ns(t0) / 1e6;
  gc();
  const heap = process.memoryUsage().heapUsed - heap0;
  return { raptor, trips, loadMS, heap };
}

// time runs fn over items and returns nanoseconds per call.
function time(items, fn) {
  const out = [];
  for (const it of items) {
    const t0 = process.hrtime.bigint();
    fn(it);
    out.push(ns(t0));
  }
  return out;
}

async function main() {
  const pairs = JSON.parse(fs.readFileSync(pairsPath, "utf8"));
  // Noon UTC: getDateNumber reads the UTC date, getDay the local one (run with TZ=UTC).
  const date = new Date(pairs.date + "T12:00:00Z");
  const dateNumber = rjp.getDateNumber(date);
  const dow = date.getDay();
  if (dow !== pairs.weekday) throw new Error(`weekday ${dow} != ${pairs.weekday}: run with TZ=UTC`);

  const { raptor, trips, loadMS, heap } = await load(feedDir, date);
  const query = new rjp.DepartAfterQuery(raptor, new rjp.JourneyFactory());
  const plan = p => query.plan(p.from, p.to, new Date(date), p.time);
  const scan = (from, t) => raptor.scan({ [from]: t }, dateNumber, dow);
  const scans60 = p => { for (let k = 0; k < 60; k++) scan(p.from, p.time + k * 60); };

  for (const p of pairs.warmup) { plan(p); scan(p.from, p.time); }
  scans60(pairs.warmup[0]);

  const samples = {
    p2p: time(pairs.pairs, plan),
    one_to_all: time(pairs.pairs, p => scan(p.from, p.time)),
    scans60: time(pairs.pairs.slice(0, pairs.ranges), scans60),
  };
  const res = {
    tool: `raptor-journey-planner ${version}`, feed: pairs.feed,
    stops: Object.keys(raptor.interchange).length, stop_times: stopTimeRows,
    load_ms: loadMS, bytes_per_stop_time: heap / stopTimeRows, samples,
    arrivals: [], reached: [], arrival_sum: [],
    notes: `node ${process.version}; ${trips.length} trips on ${pairs.date}`,
  };
  for (const p of pairs.pairs) {
    const js = plan(p);
    res.arrivals.push(js.length ? Math.min(...js.map(j => j.arrivalTime)) : -1);
    const [, best] = scan(p.from, p.time);
    let reached = 0, sum = 0;
    for (const t of Object.values(best)) {
      if (t < Number.MAX_SAFE_INTEGER) { reached++; sum += t; }
    }
    res.reached.push(reached);
    res.arrival_sum.push(sum);
  }
  fs.writeFileSync(outPath, JSON.stringify(res));
  const p50 = xs => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1] / 1e6;
  console.log(`raptor-journey-planner ${version} on ${pairs.feed}: load ${(loadMS / 1000).toFixed(1)} s, ` +
    `p2p p50 ${p50(samples.p2p).toFixed(2)} ms, one-to-all p50 ${p50(samples.one_to_all).toFixed(2)} ms, ` +
    `60 scans p50 ${p50(samples.scans60).toFixed(1)} ms`);
}

main().then(() => process.exit(0), err => { console.error(err.stack || String(err)); process.exit(1); });
