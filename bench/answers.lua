-- wrk script for the answer benchmark: every request posts a different shown question of a
-- different (employee, learning point), so each is a real first answer, never an idempotent repeat.
-- Lines of BENCH_REQUESTS: cookie <TAB> csrf token <TAB> form body.
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local cookie, csrf, body = line:match("([^\t]*)\t([^\t]*)\t(.*)")
    lines[#lines + 1] = {cookie, csrf, body}
  end
  nthreads = tonumber(os.getenv("BENCH_THREADS"))
  htmx = os.getenv("BENCH_HTMX") == "1"
  -- Each wrk run gets its own window of lines, so no run repeats another run's answers.
  offset = tonumber(os.getenv("BENCH_OFFSET"))
  window = tonumber(os.getenv("BENCH_WINDOW"))
  index = offset + tid + 1
  target = os.getenv("BENCH_PATH") or "/practice/answer/"
  non200 = 0
end

function request()
  local item = lines[index]
  index = index + nthreads
  if index > offset + window then index = offset + tid + 1 end
  local headers = {
    ["Cookie"] = item[1],
    ["X-CSRFToken"] = item[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  if htmx then headers["HX-Request"] = "true" end
  return wrk.format("POST", target, headers, item[3])
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
