package reference

// Fault switches of the Job rules (§5.17).
var (
	FaultJobStopOfferedWhenEnded = fault("job-stop-offered-when-ended",
		"offers stop on Jobs that have ended (SUCCESS, FAILED, STOPPED)")
	FaultJobStopIgnored = fault("job-stop-ignored",
		"answers 200 to a Job's stop and lets the Job run on")
	FaultJobUpdateIgnored = fault("job-update-ignored",
		"answers 200 to a PUT of a Job and changes nothing, not even its name")
	FaultJobUpdateOverwrites = fault("job-update-overwrites",
		"lets a PUT of a Job write its state and progress")
	FaultJobCollectionNoCount = fault("job-collection-without-count",
		"leaves count out of the JobCollection")
	FaultJobStopOtherRel = fault("job-stop-other-rel",
		"in 1.1 mode, offers a Job's stop under the 2.0 action URI")
	FaultJobsForgotten = fault("jobs-forgotten",
		"forgets a Job half a second after it ends, although JobRetention advertises 60 minutes")
)
