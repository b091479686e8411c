-- Tests of ACME-201: run them with `pmoaudit test docs/cookbook/rules`.
local projects = [[
project_id,name,status,budget
PRJ-1,Portal,active,"$2,000,000.00"
PRJ-2,Platform,active,5200000
]]

test {
  rule = "ACME-201",
  name = "over half the budget, another currency, an unknown project and a non-amount are reported",
  data = {
    projects = projects,
    vendors = [[
Vendor ID,Name,Project ID,Contract Value
V-1,Northwind,PRJ-1,"$1,200,000.00"
V-2,Tailspin,PRJ-2,"€1,450,000"
V-3,Trey,PRJ-9,"$10,000"
V-4,Litware,PRJ-2,TBD
]],
  },
  expect = {
    count = 4,
    keys = {"V-1", "V-2", "V-3", "V-4"},
    columns = {"contract_value", "contract_value", "contract_value", "contract_value"},
    projects = {"PRJ-1", "PRJ-2", "PRJ-9", "PRJ-2"},
    messages = {"60% of the budget of PRJ-1 (2,000,000; max 50%)", "is in EUR, not USD",
                "project PRJ-9 is not in the register", "\"TBD\" is not an amount"},
  },
}

test {
  rule = "ACME-201",
  name = "exactly half the budget, and amounts without a currency sign, pass",
  data = {
    projects = projects,
    vendors = [[
vendor_id,name,project_id,contract_value
V-1,Northwind,PRJ-1,"$1,000,000"
V-2,Contoso,PRJ-2,2600000.00
]],
  },
  expect = 0,
}

test {
  rule = "ACME-201",
  name = "a portfolio in euros flags the dollar contracts instead",
  params = { currency = "EUR" },
  data = {
    projects = projects,
    vendors = "vendor_id,name,project_id,contract_value\nV-1,Northwind,PRJ-1,$100\nV-2,Tailspin,PRJ-2,€100\n",
  },
  expect = { count = 1, keys = {"V-1"}, messages = {"is in USD, not EUR"} },
}

test {
  rule = "ACME-201",
  name = "without vendors.csv the rule is skipped",
  data = { projects = projects },
  expect = "skipped",
}
