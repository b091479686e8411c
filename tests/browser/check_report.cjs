// check_report.cjs - loads pmoaudit's report.html from disk in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and checks
// what a person would do with it: it loads with no console error and no
// request leaving the file, the severity, project, rule and text filters
// change the visible rows, sorting reorders them (findings and the portfolio
// table), the page is a plain list without JavaScript, and it prints. Writes
// a screenshot of the top of the page.
//
//   node check_report.cjs REPORT.html SCREENSHOT.png [--also OTHER.html]... [--big BIG.html]
//
// Prints nothing and exits 0 when every check passes; prints "not ok - ..."
// lines and exits 1 otherwise. Each --also page (a report without findings,
// one with errored rules) must load without console errors and sort its
// portfolio table. --big measures how long that report takes to open and to
// filter (printed when PA_TIMING is set; failed over 10 s).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const argv = process.argv.slice(2);
let [report, shot] = argv;
const also = [];
let big = null;
for (let i = 2; i < argv.length; i += 2) {
    if (argv[i] === '--also' && argv[i + 1]) also.push(argv[i + 1]);
    else if (argv[i] === '--big' && argv[i + 1]) big = argv[i + 1];
    else report = null;
}
if (!report || !shot) {
    console.error('usage: node check_report.cjs REPORT.html SCREENSHOT.png [--also OTHER.html]... [--big BIG.html]');
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
    if (opts.js === false)
        await (await ctx.newCDPSession(page)).send('Emulation.setScriptExecutionDisabled', { value: true });
    page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
    page.on('pageerror', (e) => log.errors.push(String(e)));
    const t0 = Date.now();
    await page.goto(url + (opts.hash || ''), { waitUntil: 'load', timeout: 60000 });
    const ms = Date.now() - t0;
    return { page, log, ms, close: () => page.close() };
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

    // a deep link to a project's findings
    const deep = await open(report, { hash: '#project=' + encodeURIComponent(prj) });
    rows = await visible(deep.page);
    check(rows.length === counts[prj], 'the #project= link did not filter');
    deep.log.errors.forEach((m) => check(false, `console (deep link): ${m}`));
    await deep.close();

    // print: a PDF with every rule's doc opened and no filter bar
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    check(pdf.length > 10000 && pdf.slice(0, 5).toString() === '%PDF-', 'printing to PDF failed');

    // screenshot for docs/: the top of the page, as an auditor first sees it
    await page.setViewportSize({ width: 1440, height: 1300 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot });
    log.errors.forEach((m) => check(false, `console: ${m}`));
    log.requests.forEach((u) => check(false, `request for an external resource: ${u}`));
    await close();

    // without JavaScript: a plain list, every listed finding visible, no filter bar
    const nojs = await open(report, { js: false });
    const n = await nojs.page.$$eval('#groups tr[data-s]', (rs) => rs.filter((r) => r.offsetParent !== null).length);
    check(n === all.length, `without JavaScript ${n} of ${all.length} rows are visible`);
    check(!(await nojs.page.isVisible('#ctl')), 'the filter bar shows without JavaScript');
    await nojs.close();

    for (const file of also) {
        const o = await open(file);
        await o.page.click('#ptable thead th.s');
        await o.page.click('#ptable thead th.n');
        o.log.errors.forEach((m) => check(false, `console (${path.basename(file)}): ${m}`));
        o.log.requests.forEach((u) => check(false, `request for an external resource (${path.basename(file)}): ${u}`));
        await o.close();
    }

    if (big) {
        const b = await open(big);
        const t1 = Date.now();
        await b.page.selectOption('#f-sort', 'sev');
        await b.page.uncheck('#ctl input[name=sev][value="1"]');
        const tf = Date.now() - t1;
        const nb = await b.page.$$eval('#groups tr[data-s]', (rs) => rs.length);
        if (process.env.PA_TIMING)
            console.log(`timing: ${path.basename(big)} (${nb} rows listed) opened in ${b.ms} ms; sort + filter ${tf} ms`);
        check(b.ms < 10000, `the big report took ${b.ms} ms to open`);
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
