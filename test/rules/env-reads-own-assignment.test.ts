import { envReadsOwnAssignment } from '../../server/src/rules/envReadsOwnAssignment';
import { testRule } from '../support/ruleTester';

testRule(envReadsOwnAssignment, {
  valid: [
    { name: 'each value reads what ENVs above set', code: 'FROM debian\nENV CGAL_DIR=/usr/local/cgal\nENV CPATH=$CGAL_DIR/include:$CPATH\n' },
    { name: 'a variable read in its own assignment, as PATH is extended', code: 'FROM debian\nENV PATH=/opt/tool/bin:$PATH LANG=C.UTF-8\n' },
    { name: 'the legacy form sets one variable', code: 'FROM debian\nENV CGAL_DIR /usr/local/cgal $CPATH\n' },
    { name: 'an escaped dollar, and one in single quotes, are not read', code: "FROM debian\nENV A=1 B=\\$A C='$A'\n" },
  ],
  invalid: [
    {
      name: "a later pair reads what an earlier pair of the same ENV sets (the corpus's openfoam-org/7, hadolint's DL3044)",
      code: 'FROM ubuntu:22.04\nENV CGAL_INC_DIR=/usr/local/cgal-4.10/include \\\n   CGAL_LIB_DIR=/usr/local/cgal-4.10/lib \\\n   LD_LIBRARY_PATH=$CGAL_LIB_DIR:$LD_LIBRARY_PATH \\\n   CPATH=${CGAL_INC_DIR}:$CPATH\n',
      errors: [
        { text: 'LD_LIBRARY_PATH=$CGAL_LIB_DIR:$LD_LIBRARY_PATH', messageId: 'own', severity: 'error', hadolint: 'DL3044', message: "'$CGAL_LIB_DIR' here reads the value CGAL_LIB_DIR had before this ENV" },
        { text: 'CPATH=${CGAL_INC_DIR}:$CPATH', message: "'$CGAL_INC_DIR'" },
      ],
      output: null,
    },
    {
      name: 'in double quotes, and in an ONBUILD ENV',
      code: 'FROM debian\nONBUILD ENV APP=/srv/app LOGS="$APP/logs"\n',
      errors: [{ text: 'LOGS="$APP/logs"' }],
    },
  ],
});
