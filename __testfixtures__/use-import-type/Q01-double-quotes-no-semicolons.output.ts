import type { Opts } from "./lib/api"
import { run } from "./lib/api"
run({} as Opts)
