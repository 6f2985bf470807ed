import type { ChatReport, FunnelReport } from '../../../core/metrics/index.ts';

/** The funnel's steps in the words the charts use (definitions: core/metrics/METRICS.md). */
export function funnelSteps(report: FunnelReport): Array<{ label: string; value: number }> {
  const { steps } = report;
  return [
    { label: 'Visited the help center', value: steps.helpCenterVisitors },
    { label: 'Searched or read', value: steps.searchedOrRead },
    { label: 'Opened the widget', value: steps.openedWidget },
    { label: 'Started a conversation', value: steps.startedConversation },
    { label: 'Needed a person', value: steps.neededHuman },
  ];
}

/** 😃 among all ratings of the period (teams summed), or null without ratings. */
export function overallCsat(report: ChatReport): number | null {
  const totals = report.csatByTeam.reduce((sum, row) => ({ happy: sum.happy + row.happy, all: sum.all + row.sad + row.neutral + row.happy }), { happy: 0, all: 0 });
  return totals.all > 0 ? totals.happy / totals.all : null;
}
