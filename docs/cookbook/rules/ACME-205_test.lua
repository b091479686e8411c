-- Tests of ACME-205.
local projects = [[
project_id,name,status,sponsor,manager
P-1,Portal,active,Ann Lee,Bo Chan
P-2,Platform,active,,Di Roy
]]

test {
  rule = "ACME-205",
  name = "G1 not by the committee, or a later gate not by the sponsor, is reported",
  data = {
    projects = projects,
    milestones = [[
milestone_id,project_id,gate,status,approved_by
M-1,P-1,G1,achieved,Ann Lee
M-2,P-1,G2,achieved,Bo Chan
M-3,P-1,g3,achieved,Investment Committee
]],
  },
  expect = {
    count = 3, keys = {"M-1", "M-2", "M-3"}, columns = {"approved_by", "approved_by", "approved_by"},
    messages = {"gate G1 of P-1 was approved by Ann Lee, expected Investment Committee",
                "gate G2 of P-1 was approved by Bo Chan, expected Ann Lee (the sponsor)",
                "gate G3 of P-1 was approved by Investment Committee, expected Ann Lee (the sponsor)"},
  },
}

test {
  rule = "ACME-205",
  name = "the right approvers pass, in any case; planned gates, plain milestones and unsponsored projects are not judged",
  data = {
    projects = projects,
    milestones = [[
milestone_id,project_id,gate,status,approved_by
M-1,P-1, g1 ,achieved,investment committee
M-2,P-1,G2,achieved,ANN LEE
M-3,P-1,G3,planned,Bo Chan
M-4,P-1,,achieved,Bo Chan
M-5,P-2,G2,achieved,Di Roy
M-6,P-1,G4,achieved,
]],
  },
  expect = 0,
}

test {
  rule = "ACME-205",
  name = "gate_approvers can name a board for other gates",
  params = { gate_approvers = { G1 = "Investment Committee", G4 = "Operations Board" } },
  data = {
    projects = projects,
    milestones = "milestone_id,project_id,gate,status,approved_by\nM-1,P-1,G4,achieved,Ann Lee\n",
  },
  expect = { count = 1, messages = {"expected Operations Board"} },
}
