// The live dashboard's page starts Blazor's interactive server rendering for its dashboard only. Links and forms stay
// plain browser navigation, as on every other page (no enhanced navigation).
Blazor.start({ ssr: { disableDomPreservation: true } });
