-- expect: NUL_REGEX ok
rule {
  id = "NUL_REGEX", title = "escape attempt", severity = "info", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: a NUL byte in a pattern is part of the pattern",
  check = function(ctx)
    assert(not pmo.re("a\0b|c"):full("a"), "pattern cut at its NUL byte")
    assert(pmo.re("a\0b|c"):full("a\0b"), "pattern with a NUL byte does not match itself")
    error("NUL_REGEX ok")
  end,
}
