-- Stateless decision support: the same ratings (psychotic crisis) every time; nothing is stored.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = [[{"ratings":{"1":4,"2":0,"3":0,"4":0,"5":0,"6":4,"7":1,"8":0,"9":0,"10":2,"11":0,"12":0,"13":0,"A":2,"B":0,"C":0,"D":0,"E":0}}]]

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
