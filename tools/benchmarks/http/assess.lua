-- Stored flow: one MHCT assessment with its allocation per request (decision support computed and
-- stored, allocation audited, cluster episode started), each for a different pre-registered person.
-- PEOPLE names a file of "patientId,careSpellId" lines; each wrk thread takes its own share.
local people = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local file = io.open(os.getenv("PEOPLE"), "r")
  local all = {}
  for line in file:lines() do
    table.insert(all, line)
  end
  file:close()
  local threads = tonumber(os.getenv("THREADS"))
  for i = id + 1, #all, threads do
    table.insert(people, all[i])
  end
  next_person = 1
  today = os.getenv("TODAY")
end

function request()
  local line = people[next_person]
  next_person = next_person + 1
  if line == nil then
    io.stderr:write("ran out of people\n")
    wrk.thread:stop()
  end
  local patient, spell = line:match("([^,]+),([^,]+)")
  local body = '{"patientId":"' .. patient .. '","careSpellId":"' .. spell .. '","assessedOn":"' .. today
    .. '","reason":"INITIAL","ratings":{"1":4,"2":0,"3":0,"4":0,"5":0,"6":4,"7":1,"8":0,"9":0,"10":2,"11":0,'
    .. '"12":0,"13":0,"A":2,"B":0,"C":0,"D":0,"E":0},"rater":"B1","team":"BENCH","allocation":{"code":"14"}}'
  return wrk.format("POST", "/v1/assessments", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
