-- A params default whose sub-tables share each other: six levels, eight
-- edges to the same table at each, so 8^6 = 262,144 paths to the leaf and
-- megabytes as Lua text. Its text (in `explain`, `docs`) is cut at 64 KiB;
-- the rule gets its copy and runs as usual.
local t = {1}
for i = 1, 6 do t = {a = t, b = t, c = t, d = t, e = t, f = t, g = t, h = t} end
rule {
  id = "PARAMS_DAG", title = "a shared params default", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test", params = {dag = t},
  check = function(ctx)
    local n, x = 0, ctx.params.dag
    while x.a do x, n = x.a, n + 1 end
    ctx.report(nil, nil, "depth " .. n .. ", leaf " .. x[1])
  end,
}
