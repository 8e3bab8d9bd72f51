#!/bin/sh
# Placeholder golden runner: replaced when the samples' golden files land.
exit 0
