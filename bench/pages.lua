-- wrk script for the load test: each request a different signed-in person's page.
-- Lines of BENCH_PAGES: cookie <TAB> path.
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(os.getenv("BENCH_PAGES")) do
    local cookie, path = line:match("([^\t]*)\t(.*)")
    lines[#lines + 1] = {cookie, path}
  end
  nthreads = tonumber(os.getenv("BENCH_THREADS"))
  index = tid + 1
end

function request()
  local item = lines[index]
  index = index + nthreads
  if index > #lines then index = tid + 1 end
  return wrk.format("GET", item[2], {["Cookie"] = item[1]})
end
