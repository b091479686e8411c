-- expect: stopped: exceeded its memory limit of 64 MiB; raise it with --max-rule-memory
rule {
  id = "MEM_REGEX_HOLD", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    -- each regex is a few bytes of Lua and kilobytes of PCRE2 and JIT code: all of it is the rule's
    local keep, alts = {}, string.rep("abc|", 40)
    for i = 1, 200000 do keep[i] = pmo.re("(" .. alts .. i .. ")+x") end
  end,
}
