# Sourced by ../mvnw. Maven 3 cannot build one module of a multi-module project from the module's own folder: it
# would look for course-support in ~/.m2, where a fresh clone has nothing. So `cd sessionNN-* && ../mvnw test`
# becomes, from the root, `./mvnw -pl sessionNN-* -am test -Dtest='dev.kafkacourse.sessionNN.**'`: the module with
# what it depends on, running only the session's own tests. The command is printed; -f/-pl/-Dtest given by hand win.
course_root=$(cd "$(dirname "$0")" && pwd -P)
course_here=$(pwd -P)
if [ "$course_here" != "$course_root" ] && [ "$(dirname "$course_here")" = "$course_root" ] && [ -f pom.xml ]; then
  course_module=$(basename "$course_here")
  course_own=yes
  for course_arg in "$@"; do
    case "$course_arg" in -f | --file | -f=* | --file=* | -pl | --projects | -pl=* | --projects=*) course_own=no ;; esac
  done
  if [ "$course_own" = yes ]; then
    course_test=
    case "$course_module" in
    session[0-9][0-9]-*)
      case " $* " in
      *" -Dtest="*) ;;
      *) course_test="-Dtest=dev.kafkacourse.$(printf %s "$course_module" | cut -d- -f1).** -Dsurefire.failIfNoSpecifiedTests=false" ;;
      esac
      ;;
    esac
    echo "[course] from the project root: ./mvnw -pl $course_module -am $course_test $*" >&2
    cd "$course_root"
    # shellcheck disable=SC2086 # course_test is two words on purpose
    exec "$course_root/mvnw" -pl "$course_module" -am $course_test "$@"
  fi
fi
