import { Opts, run } from "./lib/api"
run({} as Opts)
