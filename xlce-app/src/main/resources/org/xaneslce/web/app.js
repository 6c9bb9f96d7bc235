// xanes-lce web page: talks to the JSON API of `xlce serve`; plots are drawn here as plain SVG.
"use strict";
const COLORS = { T4: "#c0392b", S5: "#27862f", O6: "#2c5fb3", OTHER: "#7f7f7f", spectrum: "#111" };
const OVERLAY = ["#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"];
const state = { results: [], selected: -1, classes: {}, overlays: {} };
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

async function api(url, options) {
  const r = await fetch(url, options);
  const body = await r.json();
  return { ok: r.ok, status: r.status, body };
}

// ---- upload and results ----
async function upload(files) {
  if (!files.length) return;
  const fd = new FormData();
  for (const f of files) fd.append("file", f, f.name);
  for (const k of ["element", "edge", "energy", "mu", "energy_scale"]) { const v = $(k).value.trim(); if (v) fd.append(k, v); }
  $("status").textContent = "classifying " + files.length + " file(s)...";
  const r = await api("/api/predict", { method: "POST", body: fd });
  if (!Array.isArray(r.body)) { $("status").textContent = "error: " + r.body.error; return; }
  state.results = r.body;
  const ok = r.body.filter((x) => !x.error).length;
  $("status").textContent = ok + " classified, " + (r.body.length - ok) + " could not be";
  showResults();
  const first = r.body.findIndex((x) => !x.error);
  if (first >= 0) select(first);
}

function showResults() {
  $("results").hidden = false;
  const tb = $("result-table").querySelector("tbody");
  tb.innerHTML = "";
  state.results.forEach((x, i) => {
    const tr = document.createElement("tr");
    if (x.error) {
      tr.innerHTML = `<td>${esc(x.file)}</td><td colspan="11" class="error">${esc(x.error)}</td>`;
    } else {
      const p = x.probabilities;
      tr.innerHTML = `<td>${esc(x.file)}</td><td>${esc(x.element)} ${esc(x.edge)}</td><td class="class-${x.class}">${x.class}</td>`
        + `<td>${p.T4.toFixed(3)}</td><td>${p.S5.toFixed(3)}</td><td>${p.O6.toFixed(3)}</td><td>${p.OTHER == null ? "-" : p.OTHER.toFixed(3)}</td><td>${x.set.length ? "{" + x.set.join(",") + "}" : "-"}</td>`
        + `<td>${cnText(x)}</td><td>${x.mean_distance == null ? "-" : x.mean_distance.toFixed(3)}</td>`
        + `<td class="${x.novel ? "novel" : ""}">${x.novelty.toFixed(2)}${x.novel ? " novel" : ""}</td>`
        + `<td><a href="/model/${encodeURIComponent(x.model)}">${esc(x.model)}</a></td>`;
      tr.addEventListener("click", () => select(i));
    }
    tb.appendChild(tr);
  });
  const json = JSON.stringify(state.results.map(({ spectrum, ...rest }) => rest), null, 2);
  $("dl-json").href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  $("dl-csv").href = URL.createObjectURL(new Blob([toCsv(state.results)], { type: "text/csv" }));
}

function cnText(x) {
  if (x.cn == null) return "-";
  return x.cn <= 3 ? "<=3" : x.cn >= 7 ? ">=7" : String(x.cn);
}

function toCsv(rows) {
  const q = (s) => { s = String(s ?? ""); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
  const head = "file,element,edge,model,class,p_T4,p_S5,p_O6,p_OTHER,set,coverage,members,spread,cn,mean_distance,mean_distance_low,mean_distance_high,novelty,novel,shift_ev,energy_placement,pearson,absorber_source,warnings,error";
  return [head].concat(rows.map((x) => x.error ? [q(x.file), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", q(x.error)].join(",")
    : [q(x.file), x.element, x.edge, x.model, x.class, x.probabilities.T4, x.probabilities.S5, x.probabilities.O6, x.probabilities.OTHER ?? "", x.set.join(" "), x.coverage ?? "",
       x.ensemble ? x.ensemble.members : "", x.ensemble ? x.ensemble.spread[x.class] : "", x.cn ?? "", x.mean_distance ?? "", x.mean_distance_interval ? x.mean_distance_interval[0] : "", x.mean_distance_interval ? x.mean_distance_interval[1] : "", x.novelty, x.novel,
       x.shift_ev, x.energy_placement ?? "", x.pearson ?? "", q(x.absorber_source), q((x.warnings || []).join("; ")), ""].join(","))).join("\n") + "\n";
}

async function select(i) {
  state.selected = i;
  state.overlays = {};
  document.querySelectorAll("#result-table tbody tr").forEach((tr, j) => tr.classList.toggle("selected", j === i));
  const x = state.results[i];
  $("detail").hidden = false;
  $("detail-title").textContent = x.file;
  const p = x.probabilities;
  const bars = Object.keys(p).map((c) => `<div><span class="class-${c}">${c}</span> <span class="bar" style="width:${Math.round(p[c] * 200)}px;background:${COLORS[c]}"></span> ${p[c].toFixed(3)}</div>`).join("");
  const set = x.set.length ? `<p>Conformal set (holds the truth with probability ${x.coverage}): <strong>{${x.set.join(", ")}}</strong></p>`
    : "<p class=\"hint\">No conformal set: this model is not calibrated.</p>";
  $("answer").innerHTML = `<p>Class: <strong class="class-${x.class}">${x.class}</strong> (${esc(x.element)} ${esc(x.edge)}, element from ${esc(x.absorber_source)})</p>${bars}${set}`
    + (x.ensemble ? `<p>Ensemble of ${x.ensemble.members} models: P(${x.class}) ${x.ensemble.mean[x.class].toFixed(3)} &plusmn; ${x.ensemble.spread[x.class].toFixed(3)}`
      + ` (mean &plusmn; spread over models trained on resampled materials; a large spread: the answer depends on the training draw)</p>` : "")
    + (x.cn == null ? "<p class=\"hint\">No coordination number or distance: no geometry model for this absorber.</p>"
      : `<p>First shell: CN <strong>${cnText(x)}</strong> (p = ${Math.max(...Object.values(x.cn_probabilities)).toFixed(3)}), mean M-O distance`
        + ` <strong>${x.mean_distance.toFixed(3)} &Aring;</strong>` + (x.mean_distance_interval
          ? ` (${x.mean_distance_interval[0].toFixed(3)}-${x.mean_distance_interval[1].toFixed(3)} &Aring; holds it with probability ${x.coverage})</p>`
          : ` (too few held-out sites for an interval at coverage ${x.coverage})</p>`))
    + `<p class="hint">${x.calibrated ? "Probabilities calibrated on held-out folds (a temperature, then a map of the top probability)." : "Probabilities not calibrated."}</p>`
    + `<p>Novelty: <span class="${x.novel ? "novel" : ""}">${x.novelty.toFixed(2)}${x.novel ? ": unlike the training spectra; trust the probabilities less" : " (like the training spectra)"}</span></p>`
    + `<p>Energy: ${x.pearson == null ? "computed spectrum, placed on the grid" : `${x.energy_placement === "calibrated" ? "placed by the calibrated offset" : "aligned by correlation"}, shift ${x.shift_ev.toFixed(2)} eV, r = ${x.pearson.toFixed(3)}`}</p>`
    + `<p>Model: <a href="/model/${encodeURIComponent(x.model)}">${esc(x.model)}</a></p>`
    + (x.warnings.length ? `<ul>${x.warnings.map((w) => `<li class="warning">${esc(w)}</li>`).join("")}</ul>` : "")
    + `<p class="hint">${esc(x.preparation)}</p>`;
  if (!state.classes[x.element]) {
    const r = await api("/api/classes?element=" + encodeURIComponent(x.element));
    state.classes[x.element] = r.ok ? r.body : null;
  }
  draw();
  const r = await api(`/api/neighbours?element=${encodeURIComponent(x.element)}&k=5&mu=${x.spectrum.mu.join(",")}`);
  const tb = $("neighbours").querySelector("tbody");
  tb.innerHTML = "";
  if (!r.ok) { tb.innerHTML = `<tr><td colspan="9" class="error">${esc(r.body.error)}</td></tr>`; return; }
  r.body.forEach((n, j) => {
    const tr = document.createElement("tr");
    const key = n.material + "_" + n.site;
    tr.innerHTML = `<td><input type="checkbox" aria-label="overlay ${esc(key)}"></td><td>${esc(n.material)}</td><td>${esc(n.formula)}</td><td>${n.site}</td>`
      + `<td>${esc(n.label)}</td><td class="class-${n.class}">${n.class}</td><td>${n.csm.toFixed(3)}</td><td>${n.similarity.toFixed(4)}</td>`;
    tr.querySelector("input").addEventListener("change", (ev) => {
      if (ev.target.checked) state.overlays[key] = { mu: n.mu, color: OVERLAY[j % OVERLAY.length], label: `${n.material} #${n.site} (${n.class})` };
      else delete state.overlays[key];
      draw();
    });
    tb.appendChild(tr);
  });
}

// ---- plotting (plain SVG) ----
function draw() {
  const x = state.results[state.selected];
  const svg = $("plot");
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height");
  const m = { l: 50, r: 200, t: 10, b: 40 };
  const e = x.spectrum.energy_ev;
  const cls = state.classes[x.element];
  let ymax = Math.max(...x.spectrum.mu, 1);
  if (cls) cls.classes.forEach((c) => c.mean.forEach((v, i) => { ymax = Math.max(ymax, v + c.sd[i]); }));
  const sx = (v) => m.l + (v - e[0]) / (e[e.length - 1] - e[0]) * (W - m.l - m.r);
  const sy = (v) => H - m.b - v / (ymax * 1.05) * (H - m.t - m.b);
  const line = (ys) => ys.map((v, i) => `${i ? "L" : "M"}${sx(e[i]).toFixed(1)},${sy(v).toFixed(1)}`).join("");
  let s = "";
  for (let k = 0; k <= 5; k++) {
    const v = e[0] + k * (e[e.length - 1] - e[0]) / 5;
    s += `<line x1="${sx(v)}" x2="${sx(v)}" y1="${H - m.b}" y2="${H - m.b + 4}" stroke="#333"/><text x="${sx(v)}" y="${H - m.b + 16}" text-anchor="middle">${v.toFixed(0)}</text>`;
  }
  for (let k = 0; k <= 4; k++) {
    const v = k * ymax / 4;
    s += `<line x1="${m.l - 4}" x2="${m.l}" y1="${sy(v)}" y2="${sy(v)}" stroke="#333"/><text x="${m.l - 6}" y="${sy(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`;
  }
  s += `<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#333"/><line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="#333"/>`;
  s += `<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">energy (eV, model grid)</text>`;
  s += `<text transform="translate(12,${(H - m.b) / 2}) rotate(-90)" text-anchor="middle">normalized mu</text>`;
  const legend = [];
  if (cls) {
    cls.classes.forEach((c) => {
      if (!c.count) return;
      const up = c.mean.map((v, i) => v + c.sd[i]), lo = c.mean.map((v, i) => v - c.sd[i]);
      const band = up.map((v, i) => `${i ? "L" : "M"}${sx(e[i]).toFixed(1)},${sy(v).toFixed(1)}`).join("")
        + lo.slice().reverse().map((v, i) => `L${sx(e[e.length - 1 - i]).toFixed(1)},${sy(v).toFixed(1)}`).join("") + "Z";
      s += `<path d="${band}" fill="${COLORS[c.class]}" fill-opacity="0.12" stroke="none"/>`;
      s += `<path class="class-mean" d="${line(c.mean)}" fill="none" stroke="${COLORS[c.class]}" stroke-width="1.5"/>`;
      legend.push([COLORS[c.class], `${c.class} mean (${c.count})`]);
    });
  }
  Object.values(state.overlays).forEach((o) => { s += `<path d="${line(o.mu)}" fill="none" stroke="${o.color}" stroke-dasharray="4 2"/>`; legend.push([o.color, o.label]); });
  s += `<path id="spectrum-line" d="${line(x.spectrum.mu)}" fill="none" stroke="${COLORS.spectrum}" stroke-width="2.2"/>`;
  legend.unshift([COLORS.spectrum, "this spectrum"]);
  legend.forEach(([c, t], i) => { s += `<line x1="${W - m.r + 8}" x2="${W - m.r + 26}" y1="${m.t + 12 + i * 16}" y2="${m.t + 12 + i * 16}" stroke="${c}" stroke-width="2"/><text x="${W - m.r + 30}" y="${m.t + 16 + i * 16}">${esc(t)}</text>`; });
  svg.innerHTML = s;
}

// ---- models ----
async function loadModels() {
  const r = await api("/api/models");
  const ul = $("model-list");
  const sel = $("element");
  const seen = new Set();
  r.body.forEach((mo) => {
    const li = document.createElement("li");
    li.innerHTML = `<a href="/model/${encodeURIComponent(mo.id)}">${esc(mo.id)}</a> (${esc(mo.level_of_theory)})`;
    ul.appendChild(li);
    if (!seen.has(mo.element)) { seen.add(mo.element); sel.insertAdjacentHTML("beforeend", `<option>${esc(mo.element)}</option>`); }
  });
}

function trust(mo) {
  const c = mo.calibration;
  const parts = [`<p>Ensemble: ${mo.ensemble_members > 1 ? mo.ensemble_members + " members (mean and spread in every prediction)" : "none"}; coordination number and distance model: ${mo.geometry_model ? "yes" : "no"}.</p>`];
  if (!c) {
    parts.push("<p>No calibration recorded: probabilities are the network's own.</p>");
  } else {
    const lv = Object.keys(c.coverage);
    parts.push(`<table id="calibration"><thead><tr><th>calibration</th><th>spectra</th><th>T</th><th>ECE before</th><th>ECE after</th><th>ECE floor</th>${lv.map((l) => `<th>coverage ${l}</th>`).join("")}${lv.map((l) => `<th>set size ${l}</th>`).join("")}</tr></thead>`
      + `<tbody><tr><td>${esc(c.way)}</td><td>${c.spectra}</td><td>${c.mean_temperature.toFixed(2)}</td><td>${c.ece_before.toFixed(3)}</td><td>${c.ece_after.toFixed(3)}</td><td>${c.ece_floor.toFixed(3)}</td>`
      + `${lv.map((l) => `<td>${c.coverage[l].toFixed(3)}</td>`).join("")}${lv.map((l) => `<td>${c.set_size[l].toFixed(2)}</td>`).join("")}</tr></tbody></table>`
      + "<p>Held-out test folds; ECE floor: what exactly calibrated probabilities would show on as many spectra.</p>");
  }
  return parts.join("");
}

async function modelPage(id) {
  $("home").hidden = true;
  const page = $("model-page");
  page.hidden = false;
  const r = await api("/api/models/" + encodeURIComponent(id));
  if (!r.ok) { page.innerHTML = `<p class="error">${esc(r.body.error)}</p><p><a href="/">back</a></p>`; return; }
  const mo = r.body;
  const ev = Object.entries(mo.evaluation).map(([split, e]) => `<tr><td>${split}</td><td>${e.macro_f1.toFixed(3)} &plusmn; ${e.macro_f1_std.toFixed(3)}</td><td>${split === "stratified" && mo.paper_macro_f1 ? mo.paper_macro_f1.toFixed(2) : ""}</td></tr>`).join("");
  const conf = mo.evaluation.stratified ? `<table id="confusion"><thead><tr><th>true \\ predicted</th><th>T4</th><th>S5</th><th>O6</th></tr></thead><tbody>`
    + ["T4", "S5", "O6"].map((c, i) => `<tr><th>${c}</th>${mo.evaluation.stratified.confusion[i].map((n) => `<td>${n}</td>`).join("")}</tr>`).join("") + "</tbody></table>" : "<p>no evaluation in this installation</p>";
  const prov = Object.entries(mo.provenance).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
  page.innerHTML = `<h2>${esc(mo.id)}</h2><p>${esc(mo.element)} K edge, ${esc(mo.kind.toUpperCase())}, classes ${mo.classes.map(esc).join(", ")}, trained on ${esc(mo.level_of_theory)} spectra; grid ${esc(mo.grid)}.</p>`
    + `<h3>Table II (macro F1, 10 folds)</h3><table id="table2"><thead><tr><th>split</th><th>ours</th><th>paper</th></tr></thead><tbody>${ev}</tbody></table>`
    + `<h3>Confusion matrix (stratified folds, summed)</h3>${conf}`
    + `<h3>Trust</h3>${trust(mo)}`
    + `<h3>Class counts and provenance</h3><table id="provenance">${prov}</table><p><a href="/">back</a></p>`;
}

// ---- wiring ----
function init() {
  const path = location.pathname;
  if (path.startsWith("/model/")) { modelPage(decodeURIComponent(path.slice(7))); return; }
  loadModels();
  const drop = $("drop");
  $("file").addEventListener("change", (e) => upload([...e.target.files]));
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });
}
init();
