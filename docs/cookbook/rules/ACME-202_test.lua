-- Tests of ACME-202.
test {
  rule = "ACME-202",
  name = "a sponsor of four active projects is reported once, at the first of them",
  data = {
    projects = [[
project_id,name,status,sponsor
P-1,A,closed,Ann Lee
P-2,B,active,Ann Lee
P-3,C,active,Bo Chan
P-4,D,active,Ann Lee
P-5,E,active,Ann Lee
P-6,F,active,Ann Lee
P-7,G,on_hold,Bo Chan
]],
  },
  expect = {
    count = 1, keys = {"Ann Lee"}, lines = {3}, columns = {"sponsor"},
    messages = {"Ann Lee sponsors 4 active projects (max 3): P-2, P-4, P-5, P-6"},
  },
}

test {
  rule = "ACME-202",
  name = "three active projects are allowed; closed, on-hold and unsponsored ones do not count",
  data = {
    projects = [[
project_id,name,status,sponsor
P-1,A,active,Ann Lee
P-2,B,active,Ann Lee
P-3,C,active,Ann Lee
P-4,D,closed,Ann Lee
P-5,E,on_hold,Ann Lee
P-6,F,active,
P-7,G,active,
P-8,H,active,
P-9,I,active,
]],
  },
  expect = 0,
}

test {
  rule = "ACME-202",
  name = "max_active can be lowered",
  params = { max_active = 1 },
  data = { projects = "project_id,name,status,sponsor\nP-1,A,active,Ann\nP-2,B,active,Ann\n" },
  expect = { count = 1, messages = {"2 active projects (max 1)"} },
}
