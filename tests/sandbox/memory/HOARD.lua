-- Twelve rules that each keep 30 MiB (thirty strings of 1 MiB) in their
-- file's table after they finish: each is well within its own cap, all of
-- them together are not. Under --max-memory 256 (with -j 1) the first
-- eight keep theirs and the ninth to twelfth are stopped by the run's limit.
local kept = {}
for i = 1, 12 do
  rule {
    id = string.format("HOARD_%02d", i), title = "keeps memory", severity = "error", domain = "STD",
    tables = {"projects"}, doc = "sandbox test",
    check = function(ctx)
      kept[i] = {}
      for k = 1, 30 do kept[i][k] = string.rep(string.char(64 + i, 64 + k), 2^19) end
    end,
  }
end
