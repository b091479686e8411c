test { rule = "A-001", name = "n", data = {}, expect = 0 }
test { rule = "Z-009", name = "n", data = {}, expect = 0 }
