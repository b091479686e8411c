-- 200,000 distinct regexes, none kept: the cache of compiled patterns is
-- bounded and each regex's PCRE2 memory is freed with it.
rule {
  id = "RECACHE", title = "compiles and drops regexes", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local n = 0
    for i = 1, 200000 do if pmo.re("a" .. i .. "b+c"):test("xa" .. i .. "bbc") then n = n + 1 end end
    ctx.report(nil, nil, n .. " matched")
  end,
}
