// check_report.cjs - loads pmoaudit's report.html from disk in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and checks
// what a person would do with it: it loads with no console error and no
// request leaving the file, the severity, project, rule and text filters
// change the visible rows, sorting reorders them (findings and the portfolio
// table), every project's drill-down lists as many findings as its row
// counts, the new findings are listed first, the page is a plain list
// without JavaScript, and it prints with the charts on page 1 and every
// rule's status. Writes a screenshot of the top of the page (SHOT) and of the
// new findings and the portfolio under it (SHOT-new.png).
//
//   node check_report.cjs REPORT.html SCREENSHOT.png [--also OTHER.html]... [--evil EVIL.html]
//        [--big BIG.html [--dcl-limit MS]]
//
// Prints nothing and exits 0 when every check passes; prints "not ok - ..."
// lines and exits 1 otherwise. Each --also page (a report without findings,
// one with errored rules) must load without console errors and sort its
// portfolio table. --evil is a report whose data is markup and script: no
// dialog may open, and the lists must show that data as text. --big is a
// report of hundreds of thousands of findings: DOMContentLoaded must come
// within --dcl-limit ms (default 3000; the best of three loads, so that a
// busy machine's one slow load does not decide), and every project's
// drill-down must list its count; the times are printed with PA_TIMING set.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const argv = process.argv.slice(2);
let [report, shot] = argv;
const also = [];
let big = null, evil = null, dclLimit = 3000;
for (let i = 2; i < argv.length; i += 2) {
    if (argv[i] === '--also' && argv[i + 1]) also.push(argv[i + 1]);
    else if (argv[i] === '--big' && argv[i + 1]) big = argv[i + 1];
    else if (argv[i] === '--evil' && argv[i + 1]) evil = argv[i + 1];
    else if (argv[i] === '--dcl-limit' && +argv[i + 1] > 0) dclLimit = +argv[i + 1];
    else report = null;
}
if (!report || !shot) {
    console.error('usage: node check_report.cjs REPORT.html SCREENSHOT.png [--also OTHER.html]... [--evil EVIL.html] '
        + '[--big BIG.html [--dcl-limit MS]]');
    process.exit(2);
}
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let failures = 0;
function check(ok, what) {
    if (!ok) {
        failures++;
        console.log(`not ok - html browser: ${what}`);
    }
}

// One Chromium with a fresh profile for every check (starting it takes
// seconds); the tabs that open() makes share it.
let ctx = null;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-chromium-'));

// A tab showing file: every request that is not the file itself is recorded
// and refused; console errors and page errors are recorded.
async function open(file, opts = {}) {
    const url = 'file://' + path.resolve(file);
    const log = { errors: [], requests: [] };
    const page = await ctx.newPage();
    await page.route('**/*', (route) => {
        const u = route.request().url();
        if (u.split('#')[0] === url) return route.continue();
        log.requests.push(u);
        return route.abort();
    });
    page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
    page.on('pageerror', (e) => log.errors.push(String(e)));
    page.on('dialog', (d) => { log.errors.push(`a dialog opened: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
    await page.goto(url + (opts.hash || ''), { waitUntil: 'load', timeout: 120000 });
    // the lists are built after the first view: wait for them (html.ready, the mark pa-ready)
    await page.waitForFunction(() => document.documentElement.classList.contains('ready'), null, { timeout: 30000 })
        .catch(() => log.errors.push('the lists were not ready within 30 s (no html.ready)'));
    const [ms, ready] = await page.evaluate(() => [performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        (performance.getEntriesByName('pa-ready')[0] || { startTime: -1 }).startTime]);
    return { page, log, ms, ready, close: () => page.close() };
}

// Every project's drill-down, as a person would do it: click the project's
// "N findings" link in the portfolio table (or, bySelect, choose it in the
// Project filter, which does not scroll: on a page of 300,000 findings each
// scroll lays the page out again), then count what the lists say they hold
// (each list's data-n, shown a page of 100 at a time) and the rows they
// show. The count must be the row's, less the findings it says are not
// listed (past --max-findings); every row shown must be the project's.
function drill(page, bySelect) {
    return page.evaluate((bySelect) => {
        const bad = [];
        let projects = 0, findings = 0, paged = null;
        const more = document.getElementById('f-more');
        for (const tr of document.querySelectorAll('#ptable tr[id^="p-"]')) {
            const go = tr.querySelector('td.go'), a = go.querySelector('a[data-p]');
            const count = +go.dataset.v, nl = go.querySelector('small.nl');
            const notListed = nl ? +nl.textContent.replace(/[^0-9]/g, '') : 0;
            if (!a) {
                if (count) bad.push(`${tr.id}: ${count} findings and no link to them`);
                continue;
            }
            const id = a.dataset.p, sel = document.getElementById('f-prj');
            if (bySelect) {
                sel.value = id;
                sel.dispatchEvent(new Event('change', { bubbles: true }));
            } else a.click();
            let listed = 0, rows = 0;
            for (const g of document.querySelectorAll('#groups section.rule')) {
                if (g.hidden) continue;
                const n = +g.dataset.n, shown = [...g.querySelectorAll('tbody tr')];
                listed += n;
                rows += shown.length;
                if (shown.length !== Math.min(n, 100) || shown.some((r) => r.dataset.p !== id))
                    bad.push(`${id}: ${g.dataset.r} shows ${shown.length} rows of ${n}`);
                if (n > 100 && !paged) paged = { id, rule: g.dataset.r, n };
            }
            projects++;
            findings += listed;
            if (listed !== count - notListed)
                bad.push(`${id}: the row says ${count} findings (${notListed} not listed), the drill-down lists ${listed}`);
            if (notListed && (more.hidden || !more.textContent.startsWith(`${notListed.toLocaleString('en-US')} not listed`)))
                bad.push(`${id}: the drill-down does not say "${notListed} not listed": ${more.textContent}`);
            if (!notListed && !more.hidden)
                bad.push(`${id}: the drill-down says "${more.textContent}"`);
        }
        document.getElementById('f-reset').click();
        return { bad, projects, findings, paged };
    }, !!bySelect);
}

// The longest list of a project, shown to its end with "Show ... more".
async function pageThrough(page, paged) {
    await page.click(`#ptable a[data-p="${paged.id}"]`);
    const sel = `#groups section.rule[data-r="${paged.rule}"]`;
    for (let i = 0; i < 1000 && await page.isVisible(`${sel} p.pg button[data-more]`); i++)
        await page.click(`${sel} p.pg button[data-more]`);
    const rows = await page.$$eval(`${sel} tbody tr`, (trs, id) => trs.filter((t) => t.dataset.p === id).length, paged.id);
    check(rows === paged.n, `${paged.id} ${paged.rule}: ${rows} rows after "show more", ${paged.n} listed`);
    await page.click('#f-reset');
}

// The print view: an A4 landscape page (273 x 186 mm inside the margins,
// 1032 x 703 CSS pixels) holds the header, the summary and every chart;
// the portfolio starts page 2; the status of every rule is shown.
async function printView(page) {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1032, height: 703 });
    const v = await page.evaluate(() => {
        const y = (el) => el.getBoundingClientRect().bottom + window.scrollY;
        const charts = [...document.querySelectorAll('#summary svg.chart')].map(y);
        const rules = [...document.querySelectorAll('#rules tbody tr')];
        return { charts: charts.length, bottom: Math.max(...charts), summary: y(document.getElementById('summary')),
            breakAfter: getComputedStyle(document.getElementById('summary')).breakAfter,
            rules: rules.length, shown: rules.filter((r) => r.offsetParent !== null).length,
            count: +document.querySelector('#rules h2 .c').textContent };
    });
    check(v.charts >= 3 && v.bottom <= 703, `print: the charts end at ${v.bottom}px, below page 1 (703px)`);
    check(v.summary <= 703 && v.breakAfter === 'page', `print: the summary ends at ${v.summary}px, break-after ${v.breakAfter}`);
    check(v.rules === v.count && v.shown === v.count, `print: ${v.shown} of ${v.count} rules' status shown`);
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1440, height: 1000 });
}

// What the findings list shows: one entry per visible row.
function visible(page) {
    return page.$$eval('#groups tr[data-s]', (rows) => rows.filter((r) => r.offsetParent !== null).map((r) => ({
        s: +r.dataset.s, p: r.dataset.p, o: r.dataset.o, a: r.dataset.a === undefined ? -1 : +r.dataset.a,
        rule: r.closest('section.rule').dataset.r, text: r.textContent,
    })));
}

async function main() {
    ctx = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true, args: ARGS, viewport: { width: 1440, height: 1000 }, timeout: 60000,
    });
    for (const p of ctx.pages())
        await p.close();
    const { page, log, close } = await open(report);
    for (const id of ['summary', 'portfolio', 'findings', 'notrun', 'rules'])
        check(await page.$('#' + id), `section #${id} is missing`);
    check(await page.$$eval('svg.chart', (s) => s.length) >= 2, 'the two SVG charts are missing');
    check(await page.$eval('html', (h) => h.classList.contains('js')), 'the script did not run');
    const all = await visible(page);
    check(all.length > 0, 'no finding row is visible');

    // severity: untick warning, then show only errors through the KPI tile
    const sevs = [...new Set(all.map((r) => r.s))];
    if (sevs.length > 1) {
        const drop = sevs.includes(1) ? 1 : sevs[0];
        await page.uncheck(`#ctl input[name=sev][value="${drop}"]`);
        const rows = await visible(page);
        check(rows.length === all.filter((r) => r.s !== drop).length && rows.every((r) => r.s !== drop),
            `unticking severity ${drop} left ${rows.length} rows`);
        await page.check(`#ctl input[name=sev][value="${drop}"]`);
    } else check(false, 'the samples report should have findings of two severities');
    await page.click('a.kpi[data-sev="2"]');
    let rows = await visible(page);
    check(rows.length === all.filter((r) => r.s === 2).length && rows.every((r) => r.s === 2),
        'the error tile did not filter to errors');
    await page.click('#f-reset');
    check((await visible(page)).length === all.length, 'reset did not show every row again');

    // project: the busiest project through the select, then through its portfolio link
    const counts = {};
    all.forEach((r) => { if (r.p) counts[r.p] = (counts[r.p] || 0) + 1; });
    const prj = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1))[0];
    await page.selectOption('#f-prj', prj);
    rows = await visible(page);
    check(rows.length === counts[prj] && rows.every((r) => r.p === prj), `project filter ${prj}: ${rows.length} rows`);
    const groups = await page.$$eval('#groups section.rule', (g) => g.filter((x) => !x.hidden).length);
    check(groups === new Set(rows.map((r) => r.rule)).size, 'rules without a matching finding stay visible');
    await page.click('#f-reset');
    const other = Object.keys(counts).sort()[0];
    await page.click(`#ptable a[data-p="${other}"]`);
    rows = await visible(page);
    check(await page.inputValue('#f-prj') === other && rows.length === counts[other] && rows.every((r) => r.p === other),
        `the portfolio link of ${other} did not filter its findings`);
    const expected = await page.$eval(`#ptable a[data-p="${other}"]`, (a) => +a.closest('td').dataset.v);
    check(expected === counts[other], `portfolio says ${expected} findings for ${other}, the list has ${counts[other]}`);
    await page.click('#f-reset');

    // owner: the manager with the most findings; findings with no owner match "All owners" only
    const owners = {};
    all.forEach((r) => { if (r.o) owners[r.o] = (owners[r.o] || 0) + 1; });
    const own = Object.keys(owners).sort((a, b) => owners[b] - owners[a] || (a < b ? -1 : 1))[0];
    check(own !== undefined, 'no finding row names an owner');
    if (own !== undefined) {
        await page.selectOption('#f-own', own);
        rows = await visible(page);
        check(rows.length === owners[own] && rows.every((r) => r.o === own), `owner filter ${own}: ${rows.length} rows`);
        await page.click('#f-reset');
        check(await page.inputValue('#f-own') === '', 'reset did not clear the owner filter');
    }

    // rule, domain and text filters
    const rule = all[all.length - 1].rule;
    await page.selectOption('#f-rule', rule);
    rows = await visible(page);
    check(rows.length === all.filter((r) => r.rule === rule).length && rows.every((r) => r.rule === rule), 'rule filter');
    await page.click('#f-reset');
    const word = all[0].text.match(/[A-Z]+-\d+/);
    if (word) {
        await page.fill('#f-txt', word[0]);
        await page.waitForTimeout(400);
        rows = await visible(page);
        check(rows.length > 0 && rows.length < all.length && rows.every((r) => r.text.includes(word[0])),
            `text filter "${word[0]}"`);
        await page.click('#f-reset');
    }
    await page.evaluate(() => { const s = document.getElementById('f-prj'); const o = document.createElement('option');
        o.value = o.textContent = 'no such'; s.appendChild(o); s.value = 'no such'; s.dispatchEvent(new Event('change', { bubbles: true })); });
    check(await page.isVisible('#f-none'), 'no "nothing matches" note when every row is filtered out');
    await page.click('#f-reset');

    // sorting: by severity (rows and groups), by project, back to rule order
    await page.selectOption('#f-sort', 'sev');
    const bySev = await page.$$eval('#groups section.rule', (gs) => gs.map((g) => ({
        s: +g.dataset.s, rows: [...g.querySelectorAll('tr[data-s]')].map((r) => +r.dataset.s) })));
    check(bySev.every((g, i) => i === 0 || bySev[i - 1].s >= g.s), 'rules are not sorted by severity');
    check(bySev.every((g) => g.rows.every((s, i) => i === 0 || g.rows[i - 1] >= s)), 'rows are not sorted by severity');
    await page.selectOption('#f-sort', 'prj');
    const byPrj = await page.$$eval('#groups section.rule', (gs) => gs.map((g) =>
        [...g.querySelectorAll('tr[data-s]')].map((r) => r.dataset.p).filter((p) => p)));
    check(byPrj.every((ps) => ps.every((p, i) => i === 0 || ps[i - 1] <= p)), 'rows are not sorted by project');
    if (await page.$('#f-sort option[value=age]')) {
        await page.selectOption('#f-sort', 'age');
        const byAge = await page.$$eval('#groups tbody', (bs) => bs.map((b) => [...b.rows].map((r) => +(r.dataset.a || -1))));
        check(byAge.every((as) => as.every((a, i) => i === 0 || as[i - 1] >= a)), 'rows are not sorted by age');
    }
    await page.selectOption('#f-sort', 'rule');
    const ids = await page.$$eval('#groups section.rule', (gs) => gs.map((g) => g.dataset.r));
    check(ids.join() === [...ids].sort().join(), 'rule order is not restored');
    // the portfolio table: click "Error" twice (most first, then fewest first)
    const col = await page.$$eval('#ptable thead th', (ths) => ths.findIndex((t) => t.textContent.trim() === 'Error'));
    const errs = () => page.$$eval('#ptable tbody:first-of-type tr', (trs, c) => trs.map((t) => +t.cells[c].textContent.replace(/,/g, '')), col);
    await page.click('#ptable thead th:nth-child(' + (col + 1) + ')');
    let e = await errs();
    check(e.every((v, i) => i === 0 || e[i - 1] >= v), 'portfolio is not sorted by errors, most first');
    await page.click('#ptable thead th:nth-child(' + (col + 1) + ')');
    e = await errs();
    check(e.every((v, i) => i === 0 || e[i - 1] <= v), 'portfolio is not sorted by errors, fewest first');
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('ready'), null, { timeout: 30000 })
        .catch(() => check(false, 'the lists were not ready after a reload'));

    // a deep link to a project's findings
    const deep = await open(report, { hash: '#project=' + encodeURIComponent(prj) });
    rows = await visible(deep.page);
    check(rows.length === counts[prj], 'the #project= link did not filter');
    deep.log.errors.forEach((m) => check(false, `console (deep link): ${m}`));
    await deep.close();

    // every project's drill-down lists its count of findings
    const dr = await drill(page);
    dr.bad.slice(0, 10).forEach((m) => check(false, `drill-down: ${m}`));
    check(dr.projects > 0, 'no project with findings to drill into');
    if (dr.paged) await pageThrough(page, dr.paged);

    // with a baseline, the new findings come first after the summary, most severe first
    if (await page.$('#new')) {
        const nw = await page.evaluate(() => {
            const rows = [...document.querySelectorAll('#new-rows tr')];
            const ids = [...document.querySelectorAll('main > section.sec')].map((x) => x.id);
            return { n: +document.querySelector('#new h2 .c').textContent.replace(/,/g, ''), rows: rows.length,
                sev: rows.map((r) => +r.dataset.s), allNew: rows.every((r) => r.dataset.b === 'n'), ids };
        });
        check(nw.n > 0 && nw.rows === Math.min(nw.n, 100) && nw.allNew, `new since the baseline: ${nw.rows} rows of ${nw.n}`);
        check(nw.sev.every((x, i) => i === 0 || nw.sev[i - 1] >= x), 'new findings are not most severe first');
        check(nw.ids[0] === 'summary' && nw.ids[1] === 'new', `sections in order ${nw.ids.join(', ')}`);
    }

    // print: charts on page 1, every rule's status; a PDF with every rule's doc opened and no filter bar
    await printView(page);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    check(pdf.length > 10000 && pdf.slice(0, 5).toString() === '%PDF-', 'printing to PDF failed');

    // screenshots for docs/: the top of the page, as an auditor first sees it, and (SHOT-new.png) what
    // comes next: the findings new since the baseline and the portfolio, worst first
    await page.setViewportSize({ width: 1440, height: 1300 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot });
    await page.evaluate(() => (document.getElementById('new') || document.getElementById('portfolio')).scrollIntoView());
    await page.screenshot({ path: shot.replace(/\.png$/, '') + '-new.png' });
    log.errors.forEach((m) => check(false, `console: ${m}`));
    log.requests.forEach((u) => check(false, `request for an external resource: ${u}`));
    await close();

    // without JavaScript: a plain list of each rule's first 20 findings, a note that says so, no filter bar
    const perRule = {};
    all.forEach((r) => { perRule[r.rule] = (perRule[r.rule] || 0) + 1; });
    const want = Object.values(perRule).reduce((t, k) => t + Math.min(k, 20), 0);
    // (a browser of its own: one whose pages parse <noscript> as markup, as with JavaScript turned off)
    const nojsProfile = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-chromium-'));
    const nojsCtx = await chromium.launchPersistentContext(nojsProfile, {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS,
        viewport: { width: 1440, height: 1000 }, timeout: 60000, javaScriptEnabled: false,
    });
    try {
        const np = await nojsCtx.newPage();
        await np.goto('file://' + path.resolve(report), { waitUntil: 'load', timeout: 60000 });
        const n = await np.$$eval('#groups tr[data-s]', (rs) => rs.filter((r) => r.offsetParent !== null).length);
        check(n === want, `without JavaScript ${n} rows are visible, expected ${want} (the first 20 of each rule)`);
        check(!(await np.isVisible('#ctl')), 'the filter bar shows without JavaScript');
        const note = await np.$eval('#findings noscript p.warnbox', (e) => e.offsetParent !== null && e.textContent)
            .catch(() => false);
        check(note && note.includes('The full lists need JavaScript'), 'no note says the full lists need JavaScript');
    } finally {
        await nojsCtx.close().catch(() => {});
        fs.rmSync(nojsProfile, { recursive: true, force: true });
    }

    if (evil) {
        const o = await open(evil);
        const v = await o.page.evaluate(() => {
            const d = JSON.parse(document.getElementById('pa-data').textContent);
            const keys = [...document.querySelectorAll('#groups td.key')].map((t) => t.textContent);
            const want = d.ks ? d.ks : d.k.filter((k) => typeof k === 'string' && k);
            return { ran: document.documentElement.classList.contains('js'), keys, want };
        });
        check(v.ran, 'the evil page\'s own script did not run');
        check(v.keys.length > 0 && v.want.every((k) => v.keys.includes(k)),
            `the evil page's keys are not shown as text: ${JSON.stringify(v.keys.slice(0, 3))}`);
        o.log.errors.forEach((m) => check(false, `console (evil page): ${m}`));
        o.log.requests.forEach((u) => check(false, `request for an external resource (evil page): ${u}`));
        await o.close();
    }

    for (const file of also) {
        const o = await open(file);
        await o.page.click('#ptable thead th.s');
        await o.page.click('#ptable thead th.n');
        o.log.errors.forEach((m) => check(false, `console (${path.basename(file)}): ${m}`));
        o.log.requests.forEach((u) => check(false, `request for an external resource (${path.basename(file)}): ${u}`));
        await o.close();
    }

    if (big) {
        const times = [], readies = [];
        let b = null;
        for (let i = 0; i < 3; i++) {
            if (b) await b.close();
            b = await open(big);
            times.push(Math.round(b.ms));
            readies.push(Math.round(b.ready));
        }
        const best = Math.min(...times);
        const [n, inProjects] = await b.page.$eval('#pa-data', (e) => {
            const d = JSON.parse(e.textContent);
            return [d.n, typeof d.p === 'number' ? (d.p >= 0 ? d.n : 0) : d.p.filter((x) => x >= 0).length];
        });
        check(n >= 300000, `the big report lists ${n} findings, fewer than 300,000`);
        check(best < dclLimit, `the big report took ${times.join(', ')} ms to DOMContentLoaded (limit ${dclLimit} ms)`);
        check(Math.min(...readies) < 10000, `the big report's lists took ${readies.join(', ')} ms to be ready`);
        let t1 = Date.now();
        const bd = await drill(b.page, true);
        const td = Date.now() - t1;
        bd.bad.slice(0, 10).forEach((m) => check(false, `drill-down (big report): ${m}`));
        check(bd.findings === inProjects, `the big report's drill-downs list ${bd.findings} findings in all, `
            + `the page ${inProjects} of a project`);
        if (bd.paged) await pageThrough(b.page, bd.paged);
        t1 = Date.now();
        await b.page.selectOption('#f-sort', 'sev');
        await b.page.uncheck('#ctl input[name=sev][value="1"]');
        const tf = Date.now() - t1;
        if (process.env.PA_TIMING)
            console.log(`timing: ${path.basename(big)} (${n} findings listed): DOMContentLoaded ${times.join(', ')} ms, `
                + `lists ready ${readies.join(', ')} ms; ${bd.projects} drill-downs ${td} ms; sort + filter ${tf} ms`);
        b.log.errors.forEach((m) => check(false, `console (big report): ${m}`));
        await b.close();
    }
}

async function done(code) {
    if (ctx)
        await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(code);
}

main().then(() => done(failures ? 1 : 0), (err) => {
    console.log(`not ok - html browser: ${err && err.stack ? err.stack.split('\n').slice(0, 3).join(' ') : err}`);
    return done(1);
});
