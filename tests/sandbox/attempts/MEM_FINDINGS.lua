-- expect: stopped: exceeded its memory limit of 64 MiB; raise it with --max-rule-memory
rule {
  id = "MEM_FINDINGS", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    -- a finding copies its message and value (8 KiB each after the cut) out of Lua
    local big = string.rep("m", 1000000)
    for i = 1, 100000 do ctx.report{message = big, value = big, key = "k" .. i} end
  end,
}
