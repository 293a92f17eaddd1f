# PoX Ledger — every developer task is one target here. `make` alone lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JDK := $(shell scripts/jdk.sh)
ifeq ($(JDK),)
$(error no JDK 21+ found: see the message above)
endif
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)

MVN := mvn -B -ntp
# POX_SKIP_FABRIC=1 skips everything that needs the real Fabric network (for machines without Go, or where the
# Go module proxy refuses the Fabric module). It is loud on purpose: a skipped network is never a silent pass.
POX_SKIP_FABRIC ?= 0

.PHONY: help build test run run-embedded network-up network-down network-status bench rebuild-graph fmt lint clean

help: ## list the targets
	@echo "PoX Ledger (JDK: $(JDK))"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'
	@echo "Variables: POX_SKIP_FABRIC=1 (no Fabric network), WIPE=1 (network-down deletes ledger data)"

build: ## compile and package every module (no tests)
	$(MVN) -q install -DskipTests

test: ## unit + integration tests and the API fuzz run (starts the local Fabric network unless POX_SKIP_FABRIC=1)
	bash network-config/test-network-sh.sh
ifeq ($(POX_SKIP_FABRIC),1)
	@scripts/banner.sh "POX_SKIP_FABRIC=1: Fabric network NOT started; Fabric integration tests SKIPPED (embedded ledger only)"
	$(MVN) install -Dpox.skipFabricIT=true
	scripts/api-fuzz.sh
else
	$(MVN) -q install -DskipTests
	scripts/test-fabric.sh
	@# schemathesis as admin, member and anonymous against a throwaway server (embedded ledger): 0 5xx, 0 violations
	scripts/api-fuzz.sh
endif

run: build ## start Fabric network, Neo4j, server and portal (Ctrl-C stops what it started)
	scripts/run.sh fabric

run-embedded: build ## like run, on the embedded in-process ledger instead of Fabric
	scripts/run.sh embedded

network-up: ## bring the local Fabric network up and deploy the chaincode (idempotent)
	$(MVN) -q install -DskipTests -pl chaincode -am
	network-config/network.sh up

network-down: ## stop the network processes (WIPE=1 also deletes ledger data)
	network-config/network.sh down

network-status: ## show what runs, with pids and ports
	network-config/network.sh status

bench: ## run the benchmarks (JMH)
	$(MVN) -q install -DskipTests -pl bench -am
	scripts/bench.sh

rebuild-graph: build ## drop the ledger projection in Neo4j and replay the chaincode events from block 0
	scripts/run.sh rebuild-graph

fmt: ## format all Java sources (Spotless + palantir-java-format)
	$(MVN) -q spotless:apply

lint: ## check formatting
	$(MVN) -q spotless:check

clean: ## delete build output (not ledger data: see network-down WIPE=1)
	$(MVN) -q clean
