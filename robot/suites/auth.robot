*** Settings ***
Documentation       Sign-in, tokens and sessions, exercised over HTTP like an outside client.
...
...                 The suite creates its own user with a unique email, so it can run again and again against
...                 the same database and never spends the seeded accounts' sign-in allowance.
...                 Run with ``robot --variable BASE_URL:http://127.0.0.1:8080 robot/suites``.

Resource            ../resources/graphql.resource

Suite Setup         Prepare Auth Suite

Test Tags           api    auth


*** Test Cases ***
Sign In Returns Tokens And The User
    [Documentation]    A correct email and password give an access token, a refresh token, their expiry times
    ...    and the signed-in user; the access token is accepted by ``me``.
    ${auth}=    Sign In As    ${AUTH_USER}[email]    ${USER_PASSWORD}
    Should Not Be Empty    ${auth}[accessToken]
    Should Not Be Empty    ${auth}[refreshToken]
    Should Not Be Equal    ${auth}[accessToken]    ${auth}[refreshToken]
    Timestamp Should Be After    ${auth}[accessTokenExpiresAt]    now
    Timestamp Should Be After    ${auth}[refreshTokenExpiresAt]    ${auth}[accessTokenExpiresAt]
    Should Be Equal    ${auth}[user][id]    ${AUTH_USER}[id]
    Should Be Equal    ${auth}[user][email]    ${AUTH_USER}[email]
    Should Be True    $auth['user']['isActive']
    ${me}=    Me    ${auth}[accessToken]
    Should Be Equal    ${me}[id]    ${AUTH_USER}[id]

Me Returns The Signed-In User
    [Documentation]    ``me`` answers with the caller's profile, roles and permissions, and ``mySessions``
    ...    marks the caller's session as current.
    ${me}=    Me    ${AUTH_TOKEN}
    Should Be Equal    ${me}[id]    ${AUTH_USER}[id]
    Should Be Equal    ${me}[email]    ${AUTH_USER}[email]
    Should Be Equal    ${me}[displayName]    ${AUTH_USER}[displayName]
    Lists Should Be Equal    ${me}[roles]    ${{ ['WAREHOUSE_STAFF'] }}
    Lists Should Be Equal    ${me}[permissions]    ${{ ['STOCK_MOVE', 'TASK_MANAGE'] }}    ignore_order=True
    ${session_id}=    Current Session Id    ${AUTH_TOKEN}
    Should Not Be Empty    ${session_id}

Me Without A Valid Token Is Unauthenticated
    [Documentation]    No token, a malformed token and a tampered token are all refused with UNAUTHENTICATED.
    ${response}=    GraphQL Request    ${ME}
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED
    Access Token Should Be Rejected    not-a-jwt
    ${tampered}=    Evaluate    $AUTH_TOKEN[:-4] + ('AAAA' if not $AUTH_TOKEN.endswith('AAAA') else 'BBBB')
    Access Token Should Be Rejected    ${tampered}

Wrong Password Is Unauthenticated
    [Documentation]    A wrong password and an unknown email fail alike with UNAUTHENTICATED, without telling
    ...    which of the two was wrong.
    ${wrong_password}=    Sign In Should Fail    ${AUTH_USER}[email]    Not-the-password-1
    ${unknown}=    Unique Email    nobody
    ${unknown_email}=    Sign In Should Fail    ${unknown}    ${USER_PASSWORD}
    Should Be Equal    ${wrong_password}[message]    ${unknown_email}[message]
    Should Not Contain    ${wrong_password}[message]    ${USER_PASSWORD}

Refresh Rotates The Refresh Token
    [Documentation]    ``refreshSession`` returns a new refresh token for the same session and user, and the
    ...    new access token works.
    ${auth}=    Sign In As    ${AUTH_USER}[email]    ${USER_PASSWORD}
    ${session_id}=    Current Session Id    ${auth}[accessToken]
    ${response}=    Refresh Session    ${auth}[refreshToken]
    ${data}=    GraphQL Should Succeed    ${response}
    ${refreshed}=    Set Variable    ${data}[refreshSession]
    Should Not Be Equal    ${refreshed}[refreshToken]    ${auth}[refreshToken]
    Should Be Equal    ${refreshed}[user][id]    ${AUTH_USER}[id]
    Timestamp Should Be After    ${refreshed}[refreshTokenExpiresAt]    ${refreshed}[accessTokenExpiresAt]
    ${me}=    Me    ${refreshed}[accessToken]
    Should Be Equal    ${me}[id]    ${AUTH_USER}[id]
    ${refreshed_session_id}=    Current Session Id    ${refreshed}[accessToken]
    Should Be Equal    ${refreshed_session_id}    ${session_id}
    # The rotated token can itself be exchanged once more.
    ${again}=    Refresh Session    ${refreshed}[refreshToken]
    GraphQL Should Succeed    ${again}

Reusing An Old Refresh Token Revokes The Session
    [Documentation]    Presenting an already rotated refresh token is treated as theft: it is refused, and the
    ...    whole session ends, so the newest refresh token and access token stop working too. The
    ...    event is in the audit log.
    ${auth}=    Sign In As    ${AUTH_USER}[email]    ${USER_PASSWORD}
    ${session_id}=    Current Session Id    ${auth}[accessToken]
    ${response}=    Refresh Session    ${auth}[refreshToken]
    ${data}=    GraphQL Should Succeed    ${response}
    ${rotated}=    Set Variable    ${data}[refreshSession]
    ${reuse}=    Refresh Session    ${auth}[refreshToken]
    GraphQL Error Code Should Be    ${reuse}    UNAUTHENTICATED
    ${newest}=    Refresh Session    ${rotated}[refreshToken]
    GraphQL Error Code Should Be    ${newest}    UNAUTHENTICATED
    Access Token Should Be Rejected    ${rotated}[accessToken]
    Access Token Should Be Rejected    ${auth}[accessToken]
    ${entries}=    Audit Entries    entityId=${session_id}    action=security.refreshTokenReused
    Length Should Be    ${entries}    1
    Should Be Equal    ${entries}[0][actorId]    ${AUTH_USER}[id]

Sign Out Stops The Access Token
    [Documentation]    After ``signOut`` the session's access token is refused at once and its refresh token
    ...    can no longer be exchanged; other sessions of the user are untouched.
    ${auth}=    Sign In As    ${AUTH_USER}[email]    ${USER_PASSWORD}
    Me    ${auth}[accessToken]
    ${response}=    GraphQL Request    ${SIGN_OUT}    token=${auth}[accessToken]
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be Equal As Integers    ${data}[signOut][sessionsEnded]    1
    Access Token Should Be Rejected    ${auth}[accessToken]
    ${refresh}=    Refresh Session    ${auth}[refreshToken]
    GraphQL Error Code Should Be    ${refresh}    UNAUTHENTICATED
    ${me}=    Me    ${AUTH_TOKEN}
    Should Be Equal    ${me}[id]    ${AUTH_USER}[id]

Change Password Ends The Other Sessions
    [Documentation]    ``changePassword`` keeps the calling session, ends the user's other sessions, and only
    ...    the new password signs in afterwards.
    ${user}=    Create User As Admin    password
    ${first}=    Sign In As    ${user}[email]    ${USER_PASSWORD}
    ${second}=    Sign In As    ${user}[email]    ${USER_PASSWORD}
    ${new_password}=    Set Variable    Changed-pass-2026!
    ${input}=    Create Dictionary    currentPassword=${USER_PASSWORD}    newPassword=${new_password}
    ${variables}=    Create Dictionary    input=${input}
    ${response}=    GraphQL Request    ${CHANGE_PASSWORD}    ${variables}    token=${first}[accessToken]
    GraphQL Should Succeed    ${response}
    Me    ${first}[accessToken]
    Access Token Should Be Rejected    ${second}[accessToken]
    Sign In Should Fail    ${user}[email]    ${USER_PASSWORD}
    ${auth}=    Sign In As    ${user}[email]    ${new_password}
    Should Be Equal    ${auth}[user][id]    ${user}[id]

Validation Errors Name The Offending Fields
    [Documentation]    Invalid input fails with BAD_USER_INPUT and ``extensions.fields`` gives the path of
    ...    each offending input field.
    ${response}=    Send Sign In    ${EMPTY}    ${EMPTY}
    GraphQL Error Fields Should Be    ${response}    input.email    input.password
    ${response}=    Change Password Of Auth User    ${USER_PASSWORD}    short
    GraphQL Error Fields Should Be    ${response}    input.newPassword
    ${response}=    Change Password Of Auth User    ${USER_PASSWORD}    onlyletterspassword
    GraphQL Error Fields Should Be    ${response}    input.newPassword
    ${response}=    Change Password Of Auth User    Not-the-password-1    Another-pass-2026
    GraphQL Error Fields Should Be    ${response}    input.currentPassword
    # None of the refused changes took effect: the suite's session still works.
    Me    ${AUTH_TOKEN}


*** Keywords ***
Prepare Auth Suite
    [Documentation]    Opens the HTTP session, creates this run's user and signs it in once for the tests
    ...    that only read (``${AUTH_USER}``, ``${AUTH_TOKEN}``).
    Create GraphQL Session    ${BASE_URL}
    ${user}=    Create User As Admin    auth    WAREHOUSE_STAFF
    ${auth}=    Sign In As    ${user}[email]    ${USER_PASSWORD}
    Set Suite Variable    ${AUTH_USER}    ${user}
    Set Suite Variable    ${AUTH_TOKEN}    ${auth}[accessToken]

Change Password Of Auth User
    [Documentation]    Sends ``changePassword`` for the suite's user and returns the raw response.
    [Arguments]    ${current_password}    ${new_password}
    ${input}=    Create Dictionary    currentPassword=${current_password}    newPassword=${new_password}
    ${variables}=    Create Dictionary    input=${input}
    ${response}=    GraphQL Request    ${CHANGE_PASSWORD}    ${variables}    token=${AUTH_TOKEN}
    RETURN    ${response}
