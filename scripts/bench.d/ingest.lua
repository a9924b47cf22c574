-- wrk script for `scripts/bench ingest`: POST /api/v1/signals with realistic, varied signals.
--
-- Environment (set by scripts/bench):
--   BENCH_TOKEN   API token, sent as "Authorization: Bearer ..."      (required)
--   BENCH_RUN_ID  unique per wrk run; prefixes every externalId so that the
--                 warm-up, the measurement and earlier runs never collide    (default: time)
--
-- Why the variety matters: ingest looks up the customer by author and joins the
-- customer's open case, so one author for every request (all joins) or a new
-- author for every request (no joins) would both measure the wrong thing.
-- ~5,000 authors over tens of thousands of requests means most signals land on
-- an existing customer and case, as they do in production.

local AUTHORS = 5000

-- Realistic Dutch webcare messages: complaints, questions and compliments.
-- No double quotes or backslashes, but they are escaped below anyway.
local texts = {
  "@NS_online alweer 20 minuten vertraging op Utrecht–Amsterdam, en geen omroep. Dit is de derde keer deze week!",
  "Mijn pakket zou gisteren bezorgd worden maar de status staat nog steeds op 'onderweg'. Wanneer komt het?",
  "Sinds vanochtend geen internet meer in heel Zwolle-Zuid. Storing bekend? Ik moet thuiswerken!",
  "Wat een top service in de winkel in Eindhoven vandaag, echt geholpen door Sanne. Dank jullie wel!",
  "Ik ben al drie weken aan het wachten op mijn terugbetaling van 89,95 euro. Niemand reageert op mijn mails.",
  "Hoe kan ik mijn abonnement opzeggen? Ik kan het nergens vinden in de app.",
  "De app crasht elke keer als ik wil inloggen met DigiD. Al opnieuw geïnstalleerd, helpt niet.",
  "Bezorger heeft mijn pakket gewoon bij de voordeur gegooid terwijl het regende. Alles doorweekt. Schandalig.",
  "Kunnen jullie me vertellen of de storing bij Amersfoort al verholpen is? Sta hier al een uur op het perron.",
  "Dubbel afgeschreven voor dezelfde bestelling! Ordernummer 4711-2093. Graag per direct terugstorten.",
  "Complimenten aan de chauffeur van lijn 12, die wachtte even op mijn moeder met rollator. Zo fijn!",
  "Waarom is mijn energierekening ineens 140 euro per maand hoger? Ik heb niets veranderd.",
  "Al twee uur in de wacht bij de klantenservice. Dit is echt belachelijk, ik wil gewoon iemand spreken.",
  "Mijn monteur zou tussen 8 en 12 komen, het is nu 14:30 en niemand gebeld. Moet ik nog een dag vrij nemen?",
  "Is het mogelijk om mijn bestelling nog te wijzigen? Ik heb per ongeluk maat M gekozen in plaats van L.",
  "De verwarming is kapot en jullie kunnen pas over 10 dagen komen. Met een baby in huis. Onacceptabel.",
  "Bedankt voor de snelle oplossing gisteren, het werkt weer perfect. Echt klantvriendelijk!",
  "Ik krijg steeds een foutmelding bij het betalen met iDEAL. Code E-402. Wat moet ik doen?",
  "Trein van 07:42 naar Den Haag gewoon geschrapt zonder melding in de app. Weer te laat op mijn werk.",
  "Mijn wifi valt elke avond rond 20:00 weg. Modem al drie keer herstart. Graag een monteur.",
  "Waar kan ik mijn oude modem inleveren? Op de site staat niets duidelijks.",
  "Slechtste ervaring ooit. Product kapot geleverd, retour geweigerd en nu wordt er niet meer gereageerd.",
  "Goedemorgen, mijn adres is gewijzigd per 1 maart. Kunnen jullie dat aanpassen in mijn account?",
  "Vandaag voor het eerst de nieuwe app gebruikt, ziet er heel overzichtelijk uit. Goed gedaan!",
  "Mijn OV-chipkaart is twee keer ingecheckt en nu staat er 20 euro borg open. Hoe krijg ik dat terug?",
  "Ik heb een klacht ingediend op 3 januari en nog steeds geen reactie. Referentie KL-88213.",
  "Jullie medewerker aan de telefoon was ontzettend onbeleefd en hing gewoon op. Dit kan echt niet.",
  "Vraagje: bezorgen jullie ook op zaterdag in Groningen? Ik ben doordeweeks niet thuis.",
  "Mijn factuur klopt niet, er staan twee maanden op die ik al betaald heb. Wie kan hiernaar kijken?",
  "Storing bij het pinnen in alle winkels hier in Tilburg, niemand kan afrekenen. Weten jullie hiervan?",
  "Heel blij met de snelle levering, binnen een dag in huis. Zeker een aanrader!",
  "Na de update werkt de meldingenfunctie niet meer op mijn Android telefoon. Wanneer komt er een fix?",
}

local firstNames = {
  "Sanne", "Daan", "Emma", "Lucas", "Julia", "Sem", "Tess", "Finn", "Lotte", "Milan",
  "Anouk", "Bram", "Fleur", "Thijs", "Iris", "Ruben", "Noor", "Jesse", "Eva", "Lars",
  "Fatima", "Mohammed", "Yara", "Ayoub", "Priya", "Kevin", "Marieke", "Henk", "Ingrid", "Joost",
}
local lastNames = {
  "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
  "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
  "van Leeuwen", "Dekker", "Brouwer", "El Amrani", "Yilmaz", "Bouzid", "Kaya", "Pinas",
}

local function jsonString(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

-- Everything about author i is derived from i, so the same author always has the
-- same name and follower count (as a real account would).
local authorJSON = {}
for i = 1, AUTHORS do
  local first = firstNames[(i % #firstNames) + 1]
  local last = lastNames[(math.floor(i / #firstNames) % #lastNames) + 1]
  -- Mostly small accounts, a few with a large reach: a scrambled fraction of i, cubed, times 250,000.
  local r = ((i * 7919) % AUTHORS) / AUTHORS
  local followers = math.floor(r * r * r * 250000)
  authorJSON[i] = '{"handle":' .. jsonString("@" .. first:lower():gsub("%s", "") .. "_" .. i)
    .. ',"name":' .. jsonString(first .. " " .. last)
    .. ',"followers":' .. followers .. "}"
end

local textJSON = {}
for i, t in ipairs(texts) do textJSON[i] = jsonString(t) end

-- Main Lua state: number the threads and keep them to read their counters in done().
local threads = {}
local nextThreadID = 1
function setup(thread)
  thread:set("threadID", nextThreadID)
  nextThreadID = nextThreadID + 1
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state; these are its globals).
threadID = 0
counter = 0
non2xx = 0
duplicates = 0
statuses = {}
sampleFailure = nil
local prefix

function init(args)
  local token = os.getenv("BENCH_TOKEN")
  if token == nil or token == "" then
    error("BENCH_TOKEN is not set")
  end
  local runID = os.getenv("BENCH_RUN_ID") or tostring(os.time())
  prefix = "bench-" .. runID .. "-t" .. threadID .. "-"
  -- LuaJIT's math.random is not seeded by default: every thread would pick the same sequence.
  local hash = 0
  for k = 1, #runID do hash = (hash * 31 + runID:byte(k)) % 1000003 end
  math.randomseed(hash + threadID * 7777)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = '{"channel":"x","externalId":"' .. prefix .. counter .. '"'
    .. ',"author":' .. authorJSON[math.random(AUTHORS)]
    .. ',"text":' .. textJSON[math.random(#textJSON)] .. "}"
  return wrk.format("POST", "/api/v1/signals", nil, body)
end

function response(status, headers, body)
  -- 200 instead of 201 means "duplicate: nothing stored": the run would measure the cheap path.
  if status == 200 then duplicates = duplicates + 1 end
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
    if sampleFailure == nil then
      sampleFailure = key .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local total, dups, sample = 0, 0, nil
  local byStatus = {}
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non2xx") or 0)
    dups = dups + (thread:get("duplicates") or 0)
    local s = thread:get("statuses") or {}
    for k, v in pairs(s) do byStatus[k] = (byStatus[k] or 0) + v end
    sample = sample or thread:get("sampleFailure")
  end
  -- scripts/bench parses the "bench-non2xx:" line; keep its format.
  io.write(string.format("bench-non2xx: %d\n", total))
  io.write(string.format("bench-duplicates: %d\n", dups))
  for k, v in pairs(byStatus) do io.write(string.format("bench-status %s: %d\n", k, v)) end
  if sample then io.write("bench-sample-failure: " .. sample:gsub("\n", " ") .. "\n") end
end
