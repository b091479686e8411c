rule { id = "B-001", title = "x", severity = "info"
  domain = "STD" }
