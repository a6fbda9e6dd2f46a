-- wrk script for pages.sh: the page of $PAGE with a new query parameter on every request, so the output cache never answers
-- and every request is a render (pages ignore parameters they do not read; each distinct query is its own cache entry).
local page = os.getenv("PAGE")
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function request()
  counter = counter + 1
  return wrk.format("GET", page .. "&nocache=" .. id .. "-" .. counter)
end
