# The two commands a new machine needs: `make run` and `make test`.
.PHONY: run test

run:  ## the portal with demo content on the embedded default, at http://127.0.0.1:8000
	bash scripts/run

test:  ## the whole test suite, with PostgreSQL, Redis and Elasticsearch really started
	bash scripts/test
