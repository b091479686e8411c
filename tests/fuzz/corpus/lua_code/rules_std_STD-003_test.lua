-- Tests of STD-003: no execution or closing without an approved charter.
test {
  rule = "STD-003",
  name = "execution or closing with a false or unrecorded charter fails",
  data = {
    projects = [[
project_id,name,status,phase,charter_approved
PRJ-1001,a,active,execution,no
PRJ-1002,b,active,closing,
PRJ-1005,e,closed,Closing,0
]],
  },
  expect = { count = 3, keys = {"PRJ-1001", "PRJ-1002", "PRJ-1005"}, messages = {"not approved", "not recorded", "not approved"} },
}

test {
  rule = "STD-003",
  name = "an approved charter, an earlier phase or no phase passes",
  data = {
    projects = [[
project_id,name,status,phase,charter_approved
PRJ-1001,a,active,execution,Yes
PRJ-1002,b,active,planning,no
PRJ-1003,c,active,,no
PRJ-1004,d,active,initiation,
]],
  },
  expect = 0,
}
