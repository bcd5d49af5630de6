module github.com/cimitest/cimitest

go 1.26.8

require (
	github.com/beevik/etree v1.8.1
	github.com/tidwall/gjson v1.20.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
)
