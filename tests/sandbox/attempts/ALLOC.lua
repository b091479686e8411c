-- expect: exceeded its memory limit of 64 MiB
rule {
  id = "ALLOC", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local t = {} ; local s = 'x' ; while true do s = s .. s ; t[#t + 1] = s end
  end,
}
