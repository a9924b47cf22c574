-- POST /insert of the reference server: a short Dutch text and one of 997 authors per request.
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"text":"Mijn pakket is nog steeds niet bezorgd, bestelling ' .. counter .. '","author":"klant' .. (counter % 997) .. '"}'
  return wrk.format("POST", "/insert", {["Content-Type"] = "application/json"}, body)
end
