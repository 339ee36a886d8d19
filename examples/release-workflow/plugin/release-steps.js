// The release as a `process-sequence` workflow in the git-release scope: fixed steps, only the tag name varies.
(() => {
  'use strict';

  const SCOPE = 'git-release';
  const GIT = '/usr/bin/git';
  /** Steps Gatehouse asks about, one at a time, right before each runs. */
  const GATED_STEP_IDS = ['create-tag', 'push-tag'];
  const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

  /** True for a semantic version such as 1.2.0 or 2.0.0-rc.1. */
  function isVersion(value) {
    return VERSION_PATTERN.test(value) && !value.includes('..') && !value.endsWith('.');
  }

  /** The steps for one release; `repository` is the cwd of every step. */
  function buildSteps(repository, version) {
    const tag = `v${version}`;
    return [
      { id: 'check-tree', title: 'Check working tree', command: GIT, args: ['status', '--porcelain'], cwd: repository },
      {
        id: 'last-tag',
        title: 'Show last tag',
        command: GIT,
        args: ['describe', '--tags', '--abbrev=0'],
        cwd: repository,
        onError: 'continue',
      },
      { id: 'create-tag', title: `Create tag ${tag}`, command: GIT, args: ['tag', '-a', tag, '-m', `Release ${tag}`], cwd: repository },
      { id: 'push-tag', title: `Push tag ${tag}`, command: GIT, args: ['push', 'origin', tag], cwd: repository },
    ];
  }

  /** The payload for `requestScopedWorkflow(SCOPE, ...)`. */
  function buildWorkflow(repository, version, dryRun) {
    const tag = `v${version}`;
    return {
      title: `Release ${tag}`,
      summary: `Check the working tree of ${repository}, create the annotated tag ${tag} and push it to origin.`,
      steps: buildSteps(repository, version),
      confirmation: { message: `Create the tag ${tag} in ${repository} and push it to origin.`, requiredForStepIds: GATED_STEP_IDS },
      dryRun,
    };
  }

  /** How a step's command reads on screen: `git status --porcelain`, quoting arguments with spaces. */
  function commandLine(step) {
    const quote = (arg) => (/[\s"']/.test(arg) ? JSON.stringify(arg) : arg);
    return ['git', ...step.args.map(quote)].join(' ');
  }

  window.ReleaseSteps = { SCOPE, GIT, GATED_STEP_IDS, isVersion, buildSteps, buildWorkflow, commandLine };
})();
