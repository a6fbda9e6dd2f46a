-- wrk script for pages.sh: the page of $PAGE rendered for every request. The page cache answers a parameter the page does not
-- read from the page's entry (ReadsQuery), so a new junk parameter no longer misses it; a read parameter's name in another case
-- ("Q") is never answered from the cache nor kept (Hosting/PageCaching.cs), and the page ignores it (it reads "q", and the
-- address has none for "Q" to merge with: "SORT" beside "sort" would be read as a second, invalid sort), so every request is a
-- render of the same page. A new value each time keeps it so whatever the policy.
local page = os.getenv("PAGE")
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
function request()
  counter = counter + 1
  return wrk.format("GET", page .. "&Q=" .. id .. "-" .. counter)
end
