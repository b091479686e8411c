-- CHG-004: change requests get a decision in reasonable time.
rule {
  id = "CHG-004",
  title = "Submitted changes are decided within max_days",
  severity = "warning",
  domain = "CHG",
  gates = {"G3"},
  tables = {"changes"},
  each = "changes",
  params = { max_days = 30 },
  doc = [[
A change request still in status submitted whose requested_date is more
than `max_days` days before T (requested_date < T - max_days). A request
exactly max_days old is still fine; requests without a requested_date are
not judged. One finding per change.

Why it matters: a change request waiting for a decision leaves the project
in limbo: the team either waits, or starts the work without approval. Old
undecided requests usually mean the change board is not meeting or the
request lacks the analysis needed to decide.

How to fix: put the request on the next change board agenda and record the
decision (approved, rejected or withdrawn). If your change board works to a
different service level, set it: `--set CHG-004.max_days=45`.]],
  check = function(c, ctx)
    local d = c.requested_date
    if c.status == "submitted" and d then
      local age = ctx.T - d
      if age > ctx.params.max_days then
        ctx.report(c, "requested_date",
          string.format("change %s of project %s submitted on %s is still undecided after %d day%s (> %s)",
            c.change_id or "?", c.project_id or "?", d, age, age == 1 and "" or "s", ctx.params.max_days))
      end
    end
  end,
}
