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
	FaultJobOmitsMadeVolumes = fault("job-omits-made-volumes",
		"leaves the Volumes a Machine's volumeTemplates made out of the create Job's affectedResources")
	FaultAsyncLocationLate = fault("async-location-late",
		"with the asynchronous-creates variation, answers 404 to the first read of a new configuration, template or credential after its Job ended")
	FaultXMLReferencesWrapped = fault("xml-references-wrapped",
		"in 2.0 XML, wraps arrays of references (a Job's affectedResources) in an element of their own")
	FaultJobsForgotten = fault("jobs-forgotten",
		"forgets a Job half a second after it ends, although JobRetention advertises 60 minutes")
)
